export declare const VCL_DIR: string;
export declare const VCL_FILE: string;
export declare const VARNISHD: string;
export declare function varnishAvailable(): boolean;
export declare function renderEdgeBackends(o: { backendHost: string; backendPort: number | string; webHost?: string; webPort?: number | string; purgers: string[] }): string;
export interface VarnishHandle {
  url: string;
  port: number;
  /** The website's socket, when started with `webListen`. */
  webUrl?: string;
  workDir: string;
  pid: number | undefined;
  stop(): Promise<void>;
}
export declare function startVarnish(o: {
  listen: string[];
  webListen?: string;
  backend: { host: string; port: number | string };
  web?: { host: string; port: number | string };
  purgers?: string[];
  storage?: string;
  onLog?: (text: string) => void;
}): Promise<VarnishHandle>;
