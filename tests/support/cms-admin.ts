import { DEV } from './dev-env.js';

const LOCATIONS = '/content-manager/collection-types/api::location.location';

/**
 * Editor actions through Strapi's admin API (what the admin panel calls), for a Strapi that runs as a
 * child process and therefore has no document service in this process.
 */
export class CmsAdmin {
  private token: string | undefined;
  private chicagoId: string | undefined;

  constructor(private readonly strapiUrl: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<any> {
    if (!this.token) {
      const login = await fetch(`${this.strapiUrl}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: DEV.admin.email,
          password: DEV.admin.password,
        }),
      });
      if (login.status !== 200) throw new Error(`admin login: HTTP ${login.status} ${await login.text()}`);
      this.token = ((await login.json()) as { data: { token: string } }).data.token;
    }
    const res = await fetch(`${this.strapiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }

  private async chicago(): Promise<string> {
    if (!this.chicagoId) {
      const list = await this.call('GET', `${LOCATIONS}?locale=en&filters[slug][$eq]=chicago`);
      this.chicagoId = list.results[0].documentId as string;
    }
    return this.chicagoId;
  }

  /** The editor's "Save": the English Chicago intro changes in the draft only. */
  async saveChicagoIntro(intro: string): Promise<string> {
    const id = await this.chicago();
    await this.call('PUT', `${LOCATIONS}/${id}?locale=en`, { intro });
    return id;
  }

  /** The editor's "Publish" click on the English Chicago page; like the admin panel, it sends the form. */
  async publishChicago(intro: string): Promise<string> {
    const id = await this.chicago();
    await this.call('POST', `${LOCATIONS}/${id}/actions/publish?locale=en`, { intro });
    return id;
  }

  /** Save, then publish: one editor edit of the English Chicago intro going live. */
  async publishChicagoIntro(intro: string): Promise<string> {
    await this.saveChicagoIntro(intro);
    return this.publishChicago(intro);
  }
}
