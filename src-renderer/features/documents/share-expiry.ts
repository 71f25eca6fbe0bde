export const SHARE_EXPIRIES = [
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 7 * 86_400, label: '7 days' },
] as const;

export const DEFAULT_SHARE_EXPIRY = 86_400;
