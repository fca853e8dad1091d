// The stopword package ships no types; we use only its German list.
declare module 'stopword' {
  export const deu: readonly string[];
}
