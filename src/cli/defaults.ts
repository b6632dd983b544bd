// Defaults the command line shows in --help; kept light so `labs --help` loads nothing heavy.
export const DEFAULT_ISTIO = '1.28.0';
