// js-yaml 3 (the version gray-matter uses) ships no types; these are the parts yaml-common.ts uses.
declare module 'js-yaml' {
  namespace jsYaml {
    interface TypeOptions {
      kind: 'scalar' | 'sequence' | 'mapping';
      resolve?: (data: string | null) => boolean;
      construct?: (data: string) => unknown;
    }
    class Type {
      constructor(tag: string, options: TypeOptions);
    }
    class Schema {
      constructor(definition: { include?: Schema[]; implicit?: Type[]; explicit?: Type[] });
    }
    const FAILSAFE_SCHEMA: Schema;
    function load(source: string, options?: { schema?: Schema; json?: boolean }): unknown;
  }
  export = jsYaml;
}
