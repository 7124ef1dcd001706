/**
 * The only ts-morph importer: assembles an emitted module's parts into one TypeScript source file.
 */
import { Project } from "ts-morph";
import type { ModuleParts } from "./emit-module.js";

let project: Project | undefined;

export function assembleModule(fileName: string, parts: ModuleParts): string {
  project ??= new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  const file = project.createSourceFile(fileName, "", { overwrite: true });
  file.addImportDeclaration({ namespaceImport: "rt", moduleSpecifier: parts.runtimeImport });
  if (parts.localeImports.length > 0)
    file.addImportDeclaration({
      namedImports: parts.localeImports.map((n) => ({ name: n, alias: `FAKER_${n}` })),
      moduleSpecifier: parts.localeImport,
    });
  if (parts.realismImports.length > 0)
    file.addImportDeclaration({
      namedImports: parts.realismImports.map((n) => ({ name: n, alias: `REAL_${n}` })),
      moduleSpecifier: parts.realismImport,
    });
  file.addStatements(parts.statements);
  file.insertText(0, parts.header + "\n");
  const text = file.getFullText();
  project.removeSourceFile(file);
  return text;
}
