import CGSL

/// GSL's default error handler aborts the process. SeatPlan checks every return code itself, so the
/// handler is switched off once, before the first GSL call of any module.
public enum GSLRuntime {
    public static let ready: Void = { _ = gsl_set_error_handler_off() }()
}
