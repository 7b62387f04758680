/**
 * Dependencies of a workspace, read from its manifests and lockfiles (pure core: no 'vscode',
 * no file system; callers pass the text). See model.ts for the shape.
 */
export type { Dependency, Ecosystem, Manifest, ManifestKind, ParseResult, WorkspaceDependencies } from './model';
export { detectManifest, MANIFEST_KINDS } from './detect';
export { parseManifest, MAX_MANIFEST_BYTES, COMPANION_OF, type ParseOptions } from './parseManifest';
export { resolveWorkspaceDependencies, type WorkspaceFile } from './workspace';
export { purlOf, normalizePypiName } from './purl';
