import schema from './schedule/schema';

export default { schedule: { schema } };
