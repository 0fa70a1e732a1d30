package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.DispatchMode;

/** Size limits of Lambda and of the ALB-to-Lambda integration, in bytes. */
public final class PayloadLimits {

  /** Largest request payload of a synchronous (RequestResponse) invoke: 6 MB. */
  public static final int SYNC_REQUEST_BYTES = 6 * 1024 * 1024;

  /** Largest request payload of an asynchronous (Event) invoke: 1 MB. */
  public static final int ASYNC_REQUEST_BYTES = 1024 * 1024;

  /** Largest response payload of a synchronous invoke: 6 MB. */
  public static final int SYNC_RESPONSE_BYTES = 6 * 1024 * 1024;

  /** Largest request body an ALB passes to a Lambda target: 1 MB. */
  public static final int ALB_REQUEST_BYTES = 1024 * 1024;

  /** Largest response (JSON document) a Lambda target may return to an ALB: 1 MB. */
  public static final int ALB_RESPONSE_BYTES = 1024 * 1024;

  private PayloadLimits() {}

  /** The request payload limit of an invoke in the given mode. */
  public static int requestLimit(DispatchMode mode) {
    return switch (mode) {
      case SYNC -> SYNC_REQUEST_BYTES;
      case ASYNC -> ASYNC_REQUEST_BYTES;
    };
  }
}
