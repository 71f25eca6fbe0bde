export * from './errors';
export * from './result';
export * from './domain';
export * from './contract';
export * from './bridge';
export * from './channel-names';
