import { cacheTags } from '@clinic/shared';
import { defineFact } from '../utils/define-fact.util.js';

/**
 * Whether a landing page is below its site's uniqueness threshold (noindex, out of the sitemap, canonical to the
 * procedure page). The value is the verdict, not the score: a score that moves without crossing purges nothing.
 */
export const uniquenessFact = defineFact({
  name: 'uniqueness',
  tag: cacheTags.uniqueness,
  pattern: /^unique:site:[^:]+:procedure:[^:]+:location:[^:]+:[^:]+$/,
  fromRows: (view, emit) => {
    for (const p of view.uniqueness().pages.values()) emit(uniquenessFact.tag(p.site, p.procedure, p.location, p.locale), p.belowThreshold ? 'below' : 'above');
  },
});
