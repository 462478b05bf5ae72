// Strapi loads a local plugin's server from its source folder, but this app only runs compiled code:
// the server half is TypeScript compiled with the app (`npm run compile -w cms`) into cms/dist.
module.exports = require('../../../dist/src/plugins/seo-workbench/server/src').default;
