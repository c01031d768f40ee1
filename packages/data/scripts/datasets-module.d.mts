// Types of datasets-module.mjs, for the tests that import it.

/** The text of a data package's descriptor and of each resource file it names. */
export interface DatasetFiles {
  descriptorText: string;
  resources: { path: string; text: string }[];
}

/** datasets/ at the root of the repository. */
export declare const DATASETS_DIR: string;
/** The generated module, src/bundled/datasets.ts. */
export declare const MODULE_PATH: string;
/** What to do when the committed module differs from datasets/. */
export declare const REGENERATE: string;
/** Reads a data package folder (default: datasets/). */
export declare function readDatasets(dir?: string): DatasetFiles;
/** The text of src/bundled/datasets.ts for the files of a data package. */
export declare function datasetsModule(files: DatasetFiles): string;
/** Why the committed module is stale, or null when it is what datasets/ generates. */
export declare function staleness(committed: string | null, generated: string): string | null;
