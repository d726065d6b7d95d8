// Starts what the whole test run shares. Services are added here as they are needed.
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
