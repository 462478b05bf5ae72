import type { CacheTag } from '@clinic/shared';
import type { FactDefinition, FactTag, TagScope } from '../types/fact.types.js';

type Spec<A extends unknown[]> = Omit<FactDefinition<A>, 'tag' | 'record'> & { tag: (...args: A) => CacheTag };

/** A fact definition from its parts; its recorder adds the instance's tag to the answer's scope. */
export function defineFact<A extends unknown[]>(spec: Spec<A>): FactDefinition<A> {
  const tag = spec.tag as (...args: A) => FactTag;
  return {
    ...spec,
    tag,
    record: (scope: TagScope, ...args: A) => void scope.tags.add(tag(...args)),
  };
}
