// A tiny HTTP session (cookie jar over fetch) for the load and fault scripts. Only 127.0.0.1.
export class HttpSession {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(pathname: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookieHeader());
    const response = await fetch(`${this.base}${pathname}`, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return response;
  }

  /** The session's cookies as one Cookie header, for a request made without fetch. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async signIn(email: string, password: string) {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email, password, csrfToken }) });
    if (response.status !== 302 || response.headers.get("location")?.includes("error")) throw new Error("sign-in failed");
  }
}
