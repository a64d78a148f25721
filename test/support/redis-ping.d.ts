export function redisPing(port: number): Promise<boolean>;
