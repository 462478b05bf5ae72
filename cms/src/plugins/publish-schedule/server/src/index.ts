import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import schedulesController from './controllers/schedules.controller';
import routes from './routes';
import scheduleRunner from './services/schedule-runner.service';
import schedules from './services/schedules.service';
import { PLUGIN } from './utils/constants';

/**
 * publish-schedule: editors set a publish or unpublish time on a document (per locale, or all), and
 * every Strapi process polls for due schedules, each run exactly once (see schedule-runner.service.ts).
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany([
      { section: 'plugins', displayName: 'Read schedules', uid: 'read', pluginName: PLUGIN },
      { section: 'plugins', displayName: 'Schedule publish and unpublish', uid: 'manage', pluginName: PLUGIN },
    ]);
  },
  /**
   * The runner starts once the server listens: by then the whole bootstrap ran, so the webhooks are
   * loaded (a publish run earlier would reach no gateway), and a process that never serves (`strapi
   * export`, the console) never runs schedules.
   */
  bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const start = () => strapi.plugin(PLUGIN).service('runner').start();
    const server = strapi.server.httpServer;
    if (server.listening) start();
    else server.once('listening', start);
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin(PLUGIN).service('runner').stop();
  },
  config: {
    default: { pollIntervalMs: 10_000, staleAfterMs: 120_000, batchSize: 50 },
    validator(config: Record<string, unknown>) {
      for (const key of ['pollIntervalMs', 'staleAfterMs', 'batchSize']) {
        const value = config[key];
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${key} must be a number ≥ 0`);
      }
    },
  },
  contentTypes,
  routes,
  controllers: { schedules: schedulesController },
  services: { schedules, runner: scheduleRunner },
};
