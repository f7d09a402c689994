package dev.polystore.platform.telemetry;

import dev.polystore.platform.auth.Principal;
import io.micrometer.observation.Observation;

/**
 * Who made the call being handled, put on the call's observation (and so its span and its access
 * log line) once authentication has named the caller. Names only: never a credential.
 */
public final class CallAttributes {
  /** OpenTelemetry's attribute for the authenticated caller. */
  public static final String PRINCIPAL = "enduser.id";
  /** The workspace the principal is bound to, if any. */
  public static final String WORKSPACE = "polystore.workspace.id";

  private CallAttributes() {}

  /** On the current observation, if there is one (none when telemetry is off). */
  public static void principal(Principal principal) {
    Observation current = Telemetry.observations().getCurrentObservation();
    if (current == null) {
      return;
    }
    current.highCardinalityKeyValue(PRINCIPAL, principal.name());
    principal.workspace().ifPresent(workspace -> current.highCardinalityKeyValue(WORKSPACE, workspace));
  }
}
