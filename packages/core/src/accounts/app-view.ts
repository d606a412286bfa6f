import type { App } from './ports.js';

export type AppView = Omit<App, 'secretSealed' | 'previousSecretSealed'>;

export function appView(a: App): AppView {
  const { secretSealed: _s, previousSecretSealed: _p, ...rest } = a;
  return rest;
}
