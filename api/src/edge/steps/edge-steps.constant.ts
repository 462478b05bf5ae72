import type { Type } from '@nestjs/common';
import type { EdgeStep } from '../types/edge-step.types.js';
import { ObservationStep } from './0-observation.step.js';
import { CorsStep } from './1-cors.step.js';
import { SiteStep } from './2-site.step.js';
import { BudgetStep } from './3-budget.step.js';
import { PreviewStep } from './4-preview.step.js';
import { RequestStep } from './5-request.step.js';
import { CacheStep } from './6-cache.step.js';
import { ExecutionStep } from './7-execution.step.js';

/**
 * The way in, in order: EdgePipeline registers the steps' hooks in this order and runs their GraphQL
 * parts in this order. README's table of steps follows it (edge/__tests__/edge-pipeline.order.spec.ts).
 */
export const EDGE_STEPS: ReadonlyArray<Type<EdgeStep>> = [ObservationStep, CorsStep, SiteStep, BudgetStep, PreviewStep, RequestStep, CacheStep, ExecutionStep];

/** The step instances, in EDGE_STEPS order. */
export const EDGE_STEP_CHAIN = Symbol('EDGE_STEP_CHAIN');

export const edgeStepChainProvider = {
  provide: EDGE_STEP_CHAIN,
  inject: [...EDGE_STEPS],
  useFactory: (...steps: EdgeStep[]): readonly EdgeStep[] => steps,
};
