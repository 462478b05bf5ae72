import { cacheTags } from '@clinic/shared';
import type { FactTag } from '../types/fact.types.js';
import { defineFact } from '../utils/define-fact.util.js';

/** Which landing-page override applies to procedure × city × locale, and its version. */
export const overrideFact = defineFact({
  name: 'override',
  tag: cacheTags.override,
  pattern: /^override:procedure:[^:]+:location:[^:]+:[^:]+$/,
  fromRows: (view, emit) => {
    // Two overrides of one page (an editor's duplicate) make one value: either changing moves it.
    const found = new Map<FactTag, string>();
    for (const o of view.rows('landingPage')) {
      if (!o.procedure || !o.location) continue;
      const tag = overrideFact.tag(o.procedure, o.location, o.locale);
      const prev = found.get(tag);
      const mine = `${o.documentId}@${o.updatedAt}`;
      found.set(tag, prev ? [prev, mine].sort().join(',') : mine);
    }
    for (const [tag, value] of found) emit(tag, value);
  },
});
