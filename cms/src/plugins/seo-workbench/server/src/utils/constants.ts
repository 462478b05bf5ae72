import { CONTENT_TYPES, type ContentTypeName } from '@clinic/shared';

export const PLUGIN = 'seo-workbench';

/** Admin permission: see the panel (the content manager's read right on the type is needed too). */
export const ACTIONS = { read: `plugin::${PLUGIN}.read` } as const;

/** The types whose edit view has the panel, by uid → the gateway's name for them. */
export const WORKBENCH_TYPES = new Map<string, ContentTypeName>((['procedure', 'location', 'landingPage', 'clinic'] as const).map((name) => [CONTENT_TYPES[name].uid, name]));
