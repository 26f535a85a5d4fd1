// openapi-typescript 7 builds its output with TypeScript 5's compiler API, which TypeScript 7 (the
// `typescript` this package type-checks and builds with, as the web client does) no longer has.
// This module-resolution hook gives openapi-typescript's own `import 'typescript'` the
// `typescript-5` devDependency (an npm alias of typescript@5); everything else keeps TypeScript 7.
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/openapi-typescript/')) {
    return next('typescript-5', context);
  }
  return next(specifier, context);
}
