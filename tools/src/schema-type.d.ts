// The TypeScript type of the values a JSON Schema accepts, so that a schema written once (`@type {const}`) also gives
// the type of what it checks. It knows the keywords tools/ schemas use: `$ref` into `$defs`, `oneOf`, `anyOf`, `enum`,
// `const`, `type` (string, number, integer, boolean, array with `items`, object with `properties`, `required` and
// `additionalProperties`). Other keywords (patterns, `not`, `if`/`then`) only narrow values and are left out.

type DefsOf<Root> = Root extends { readonly $defs: infer D } ? D : never;

/**
 * The values `S` accepts. `Root` holds the `$defs` that `$ref`s point into. With `Filled`, a property that has a
 * `default` is present, as Ajv leaves a value it checked with `useDefaults`.
 */
export type FromSchema<S, Root = S, Filled extends boolean = false> = S extends {
  readonly $ref: `#/$defs/${infer K}`;
}
  ? FromSchema<DefsOf<Root>[K & keyof DefsOf<Root>], Root, Filled>
  : S extends { readonly oneOf: readonly (infer A)[] }
    ? FromSchema<A, Root, Filled>
    : S extends { readonly anyOf: readonly (infer A)[] }
      ? FromSchema<A, Root, Filled>
      : S extends { readonly enum: readonly (infer E)[] }
        ? E
        : S extends { readonly const: infer C }
          ? C
          : S extends { readonly type: "string" }
            ? string
            : S extends { readonly type: "number" | "integer" }
              ? number
              : S extends { readonly type: "boolean" }
                ? boolean
                : S extends { readonly type: "array"; readonly items: infer I }
                  ? FromSchema<I, Root, Filled>[]
                  : S extends { readonly type: "object" }
                    ? ObjectFromSchema<S, Root, Filled>
                    : unknown;

type RequiredKeys<S> = S extends { readonly required: readonly (infer K)[] } ? K : never;
type Present<S, P, K, Filled extends boolean> =
  K extends RequiredKeys<S>
    ? true
    : Filled extends true
      ? P extends { readonly default: unknown }
        ? true
        : false
      : false;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ObjectFromSchema<S, Root, Filled extends boolean> = Simplify<
  (S extends { readonly properties: infer P }
    ? {
        -readonly [K in keyof P as Present<S, P[K], K, Filled> extends true ? K : never]: FromSchema<
          P[K],
          Root,
          Filled
        >;
      } & {
        -readonly [K in keyof P as Present<S, P[K], K, Filled> extends true ? never : K]?: FromSchema<
          P[K],
          Root,
          Filled
        >;
      }
    : unknown) &
    (S extends { readonly additionalProperties: infer A extends object }
      ? Record<string, FromSchema<A, Root, Filled>>
      : unknown)
>;
