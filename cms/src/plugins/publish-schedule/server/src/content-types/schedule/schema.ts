/**
 * One scheduled publish or unpublish of one document (one locale, or every locale with '*').
 * Rows are written with the query engine (never the document service) so they fire no webhooks.
 * Hidden from the content manager: editors see and change them through the edit-view side panel.
 */
export default {
  kind: 'collectionType',
  collectionName: 'publish_schedules',
  info: {
    singularName: 'schedule',
    pluralName: 'schedules',
    displayName: 'Publish schedule',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    targetUid: { type: 'string', required: true },
    targetDocumentId: { type: 'string', required: true },
    /** A locale code, '*' for every locale, or null for a type without i18n. */
    targetLocale: { type: 'string' },
    action: { type: 'enumeration', enum: ['publish', 'unpublish'], required: true },
    runAt: { type: 'datetime', required: true },
    status: { type: 'enumeration', enum: ['pending', 'running', 'done', 'failed'], default: 'pending', required: true },
    error: { type: 'text' },
    attempts: { type: 'integer', default: 0 },
    /** Which process runs (or ran) it, and since when: a claim older than `staleAfterMs` is taken back. */
    claimedBy: { type: 'string' },
    claimedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime' },
    requestedBy: { type: 'string' },
  },
};
