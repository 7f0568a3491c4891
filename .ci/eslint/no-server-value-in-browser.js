// Rule: no value from a server-only module reaches code that runs in the browser.
//
// Remix's classic compiler replaces every module under app/ whose name matches `.server` (and
// @remix-run/node) with an EMPTY module in the browser bundle, so a value imported from one is
// `undefined` there — the page crashes after hydration although it rendered on the server.
//
// mode "forbid" (components, forms, shared utils, machines): any value import from such a module is wrong.
// mode "route" (route modules, root.tsx): the browser bundle of a route keeps only the exports Remix
// lists as browser-safe (default, meta, links, ErrorBoundary, handle, …) plus everything they reach, plus
// module-level code (esbuild keeps initializers that may have side effects: `const x = f()` or `X.y`,
// verified on this compiler). A server value may therefore be used only inside functions reached from
// loader/action/headers (or other exports Remix drops) and from nothing the browser keeps.

const DEFAULT_SERVER_MODULE = String.raw`(^|/)[^/]*\.server(\.[cm]?[jt]sx?)?$|(^|/)\.server/|^@remix-run/(node|deno|cloudflare)(/|$)`;

// Route exports that the browser bundle keeps (@remix-run/dev compiler/js/plugins/routes.js).
const BROWSER_EXPORTS = new Set([
  "default",
  "meta",
  "links",
  "handle",
  "ErrorBoundary",
  "HydrateFallback",
  "Layout",
  "shouldRevalidate",
  "clientLoader",
  "clientAction",
]);

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
// An identifier under one of these sits in a type position (`typeof X`), which the compiler erases.
const TYPE_POSITIONS = new Set([
  "TSTypeAnnotation",
  "TSTypeQuery",
  "TSTypeReference",
  "TSTypeParameterInstantiation",
  "TSTypeAliasDeclaration",
  "TSInterfaceDeclaration",
]);

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Values from *.server modules must not be used in code that reaches the browser bundle" },
    schema: [
      {
        type: "object",
        properties: {
          mode: { enum: ["forbid", "route"] },
          serverModule: { type: "string", description: "regular expression matched against the import specifier" },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden:
        "`{{name}}` is a value imported from the server-only module '{{source}}'. This file reaches the browser bundle, " +
        "where that module is empty and `{{name}}` is undefined. Use `import type`, pass the value through a loader, " +
        "or move it to a module without `.server` in its name.",
      reexport:
        "This file re-exports values from the server-only module '{{source}}'; it reaches the browser bundle, where " +
        "that module is empty. Re-export types only (`export type`).",
      browserUse:
        "`{{name}}` (from the server-only module '{{source}}') is used in browser code: {{path}}. In the browser " +
        "bundle that module is empty and `{{name}}` is undefined. Use it only in loader/action/headers (or functions " +
        "only they call) and send what the page needs through the loader, or move it to a module without `.server`.",
      moduleLevel:
        "`{{name}}` (from the server-only module '{{source}}') is evaluated when the module loads. The browser bundle " +
        "keeps module-level code, where `{{name}}` is undefined. Move this use inside loader/action/headers " +
        "(or a function only they call).",
    },
  },

  create(context) {
    const options = context.options[0] ?? {};
    const mode = options.mode ?? "forbid";
    const serverModule = new RegExp(options.serverModule ?? DEFAULT_SERVER_MODULE);
    const sourceCode = context.sourceCode;
    const isServerSource = (node) => node && typeof node.value === "string" && serverModule.test(node.value);

    return {
      "Program:exit"(program) {
        const scopeManager = sourceCode.scopeManager;
        const moduleScope = scopeManager.globalScope.childScopes.find((s) => s.type === "module") ?? scopeManager.globalScope;

        // Imported server values: variable → source specifier.
        const serverImports = [];
        for (const statement of program.body) {
          if (statement.type === "ImportDeclaration" && isServerSource(statement.source) && statement.importKind !== "type") {
            for (const specifier of statement.specifiers) {
              if (specifier.importKind === "type") continue;
              const variable = moduleScope.set.get(specifier.local.name);
              if (variable) serverImports.push({ variable, specifier, source: statement.source.value });
            }
          }
          if (
            (statement.type === "ExportNamedDeclaration" || statement.type === "ExportAllDeclaration") &&
            isServerSource(statement.source) &&
            statement.exportKind !== "type"
          ) {
            checkReexport(statement);
          }
        }

        if (mode === "forbid") {
          for (const { specifier, source } of serverImports) {
            context.report({ node: specifier, messageId: "forbidden", data: { name: specifier.local.name, source } });
          }
          checkDynamicImports(program, () => true);
          return;
        }

        const units = collectUnits(program);
        const unitOf = (node) => {
          for (let n = node; n; n = n.parent) {
            const unit = units.byNode.get(n);
            if (unit) return unit;
          }
          return undefined;
        };
        const reachedBy = browserReachable(units, moduleScope, unitOf);

        for (const { variable, source } of serverImports) {
          for (const reference of variable.references) {
            const id = reference.identifier;
            if (!isValueUse(reference)) continue;
            const name = variable.name;
            if (id.parent?.type === "ExportSpecifier") {
              const exported = exportedName(id.parent);
              if (BROWSER_EXPORTS.has(exported)) {
                context.report({ node: id, messageId: "browserUse", data: { name, source, path: `exported as \`${exported}\`` } });
              }
              continue;
            }
            const unit = unitOf(id);
            if (!insideFunction(id, unit?.node)) {
              context.report({ node: id, messageId: "moduleLevel", data: { name, source } });
            } else if (unit && reachedBy.has(unit)) {
              context.report({ node: id, messageId: "browserUse", data: { name, source, path: describePath(unit, reachedBy) } });
            }
          }
        }
        checkDynamicImports(program, (node) => {
          const unit = unitOf(node);
          return !insideFunction(node, unit?.node) || (unit && reachedBy.has(unit));
        });
      },
    };

    function checkReexport(statement) {
      if (statement.type === "ExportAllDeclaration") {
        context.report({ node: statement, messageId: "reexport", data: { source: statement.source.value } });
        return;
      }
      for (const specifier of statement.specifiers) {
        if (specifier.exportKind === "type") continue;
        if (mode === "route" && !BROWSER_EXPORTS.has(exportedName(specifier))) continue;
        context.report({ node: specifier, messageId: "reexport", data: { source: statement.source.value } });
      }
    }

    function checkDynamicImports(program, isBrowser) {
      const visit = (node) => {
        if (!node || typeof node.type !== "string") return;
        if (node.type === "ImportExpression" && isServerSource(node.source) && isBrowser(node)) {
          context.report({ node, messageId: "forbidden", data: { name: "import()", source: node.source.value } });
        }
        for (const key of sourceCode.visitorKeys[node.type] ?? []) {
          const child = node[key];
          if (Array.isArray(child)) child.forEach(visit);
          else visit(child);
        }
      };
      visit(program);
    }
  },
};

function isValueUse(reference) {
  if (!reference.isValueReference) return false;
  for (let n = reference.identifier.parent; n; n = n.parent) {
    if (TYPE_POSITIONS.has(n.type)) return false;
    if (n.type === "Program") break;
  }
  return true;
}

function exportedName(specifier) {
  return specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
}

/** True when `node` is evaluated later, inside a function, rather than when the module loads. */
function insideFunction(node, stopAt) {
  for (let n = node; n && n !== stopAt?.parent; n = n.parent) {
    if (FUNCTION_TYPES.has(n.type)) return true;
    if (n === stopAt) break;
  }
  return false;
}

/**
 * Module-level units: one per function/class declaration and per variable declarator, with the names
 * they bind and the names under which they are exported; plus anonymous units for other statements
 * (they run when the module loads, so they are browser code).
 */
function collectUnits(program) {
  const list = [];
  const byNode = new Map();
  const byName = new Map();
  const add = (node, names, exported, kind) => {
    const unit = { node, names, exported: new Set(exported), kind, label: names[0] ?? exported[0] ?? "module-level code" };
    list.push(unit);
    byNode.set(node, unit);
    for (const name of names) byName.set(name, unit);
    return unit;
  };
  const declare = (declaration, exported) => {
    switch (declaration.type) {
      case "FunctionDeclaration":
      case "ClassDeclaration":
      case "TSEnumDeclaration": {
        const name = declaration.id?.name;
        add(declaration, name ? [name] : [], exported && name ? [name] : [], "declaration");
        return;
      }
      case "VariableDeclaration":
        for (const declarator of declaration.declarations) {
          const names = patternNames(declarator.id);
          add(declarator, names, exported ? names : [], "declaration");
        }
        return;
      default:
        return; // types, interfaces, `declare` forms: erased
    }
  };
  const localExports = [];
  for (const statement of program.body) {
    switch (statement.type) {
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "TSTypeAliasDeclaration":
      case "TSInterfaceDeclaration":
      case "TSDeclareFunction":
        break;
      case "ExportNamedDeclaration":
        if (statement.declaration) declare(statement.declaration, true);
        else if (!statement.source && statement.exportKind !== "type") localExports.push(...statement.specifiers);
        break;
      case "ExportDefaultDeclaration": {
        const d = statement.declaration;
        const name = (d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id ? [d.id.name] : [];
        add(d, name, ["default"], "declaration");
        break;
      }
      case "FunctionDeclaration":
      case "ClassDeclaration":
      case "TSEnumDeclaration":
      case "VariableDeclaration":
        declare(statement, false);
        break;
      default:
        add(statement, [], [], "statement");
    }
  }
  for (const specifier of localExports) {
    if (specifier.exportKind === "type") continue;
    byName.get(specifier.local.name)?.exported.add(exportedName(specifier));
  }
  return { list, byNode, byName };
}

function patternNames(pattern) {
  switch (pattern?.type) {
    case "Identifier":
      return [pattern.name];
    case "ObjectPattern":
      return pattern.properties.flatMap((p) => patternNames(p.type === "RestElement" ? p.argument : p.value));
    case "ArrayPattern":
      return pattern.elements.flatMap((e) => patternNames(e));
    case "RestElement":
      return patternNames(pattern.argument);
    case "AssignmentPattern":
      return patternNames(pattern.left);
    default:
      return [];
  }
}

/**
 * Units that end up in the browser bundle, each mapped to the unit that reached it (null for a root).
 * Roots: browser-safe exports, module-level statements, and every unit referenced by code that runs when
 * the module loads (initializers outside functions).
 */
function browserReachable(units, moduleScope, unitOf) {
  // edges[unit] = units it references anywhere; loadEdges = those referenced at module load.
  const edges = new Map(units.list.map((u) => [u, new Set()]));
  const loadTime = new Set();
  for (const variable of moduleScope.variables) {
    const target = units.byName.get(variable.name);
    if (!target) continue;
    for (const reference of variable.references) {
      if (!isValueUse(reference)) continue;
      const from = unitOf(reference.identifier);
      if (!from || from === target) continue;
      edges.get(from).add(target);
      if (!insideFunction(reference.identifier, from.node)) loadTime.add(target);
    }
  }
  const reachedBy = new Map();
  const queue = [];
  for (const unit of units.list) {
    const root = unit.kind === "statement" || [...unit.exported].some((name) => BROWSER_EXPORTS.has(name)) || loadTime.has(unit);
    if (root) {
      reachedBy.set(unit, null);
      queue.push(unit);
    }
  }
  while (queue.length > 0) {
    const unit = queue.shift();
    for (const next of edges.get(unit)) {
      if (reachedBy.has(next)) continue;
      reachedBy.set(next, unit);
      queue.push(next);
    }
  }
  return reachedBy;
}

function describePath(unit, reachedBy) {
  const chain = [];
  for (let u = unit; u; u = reachedBy.get(u)) chain.push(unitName(u));
  return chain.length === 1 ? `in ${chain[0]}` : `in ${chain[0]}, reached from ${chain.slice(1).join(" ← ")}`;
}

function unitName(unit) {
  const exported = [...unit.exported].find((name) => BROWSER_EXPORTS.has(name));
  if (exported === "default") return unit.names[0] ? `\`${unit.names[0]}\` (the default export)` : "the default export";
  if (exported) return `\`${exported}\``;
  return unit.kind === "statement" ? "module-level code" : `\`${unit.label}\``;
}
