/** Types for the reference MurmurHash3 implementation the hash tests cross-check against (dev dependency). */
declare module "murmurhash3js-revisited" {
  const murmur: {
    x86: {
      hash32(bytes: ArrayLike<number>, seed?: number): number;
      hash128(bytes: ArrayLike<number>, seed?: number): string;
    };
    x64: { hash128(bytes: ArrayLike<number>, seed?: number): string };
  };
  export default murmur;
}
