// The CSP nonce of the page being rendered (app/utils/security-headers.server.ts), for <Scripts> and
// <ScrollRestoration>. Given on the server only: the browser hides nonces from the page after load.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
