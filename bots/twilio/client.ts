import twilio from "twilio";
import type { Config } from "../../core/config.ts";

/** The Twilio REST client type. */
export type TwilioClient = ReturnType<typeof twilio>;

/** A RequestClient that sends every Twilio API call to another base URL (a fake Twilio in tests). */
export class RewritingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override request<TData>(opts: any): Promise<any> {
    const target = new URL(this.baseUrl);
    const url = new URL(opts.uri);
    url.protocol = target.protocol;
    url.host = target.host;
    return super.request<TData>({ ...opts, uri: url.toString() });
  }
}

/** The REST client for the configured account (TWILIO_API_URL redirects it). */
export function createTwilioClient(config: Config): TwilioClient {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) throw new Error("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are required");
  return twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, {
    httpClient: config.TWILIO_API_URL ? new RewritingRequestClient(config.TWILIO_API_URL) : undefined,
  });
}
