/** Throws a Response (caught by the error boundary) unless `condition` holds. */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 400 }): asserts condition {
  if (!condition) {
    throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
  }
}

/** The page a paginated list asks for: `?trang=N`, a whole number from 1; anything else is the first page. */
export function pageFrom(request: Request): number {
  const page = Number(new URL(request.url).searchParams.get("trang"));
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}
