/**
 * What the rest of Bosun needs from mail: send one message. The SES implementation lives beside
 * this file; domain code only ever sees this interface.
 */

/** A file sent with a message, such as a guest's "Add to calendar" `.ics`. */
export interface MailAttachment {
  filename: string;
  content: string | Uint8Array;
  /** The media type, e.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
}

/** One message to send. `bcc` recipients get a copy but never appear in any header. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  bcc?: string[];
  replyTo?: string;
  /** Files sent with the message, such as a guest's "Add to calendar" `.ics`. */
  attachments?: MailAttachment[];
  /**
   * Images the HTML shows with `<img src="cid:…">`: sent as parts of a `multipart/related`
   * message, so they display without loading anything from the internet.
   */
  inline?: InlineImage[];
}

/** One image part of a message, referred to from the HTML as `cid:<cid>`. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** The result of a delivered message. */
export interface SentMail {
  messageId: string;
}

/** Sends mail; throws `DeliveryError` (with `retryable`) when it cannot. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
}
