import "@remix-run/node";

// What server.ts passes to every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (X-Forwarded-For is trusted only behind a configured proxy). */
    clientIp: string;
    /** This response's Content-Security-Policy nonce: every inline script carries it (app/utils/security-headers.server.ts). */
    cspNonce?: string;
  }
}

export {};

// Loader and action types follow single fetch (remix.config.js future flags).
declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
