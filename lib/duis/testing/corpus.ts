// The DUIS corpus (../shared/duis) is GPL-3.0 test material: tests read it at run time and nothing of it is copied
// into the project. Tests that need it are skipped, saying so, where the folder is absent.
import fs from "node:fs";
import path from "node:path";

/**
 * Where the corpus is: DUIS_CORPUS_DIR, else `../shared/duis` beside the checkout (the team's layout), also from a
 * checkout one level deeper (a clean clone in a temporary folder of the workspace).
 */
export const DUIS_CORPUS_DIR =
  [process.env.DUIS_CORPUS_DIR, path.resolve(process.cwd(), "../shared/duis"), path.resolve(process.cwd(), "../../shared/duis")].find(
    (dir): dir is string => !!dir && fs.existsSync(dir),
  ) ?? path.resolve(process.cwd(), "../shared/duis");

export const hasDuisCorpus = fs.existsSync(DUIS_CORPUS_DIR);

/** Describe-block suffix for corpus tests, so a skipped run says why. */
export const CORPUS_NOTE = hasDuisCorpus ? "(DUIS corpus)" : `(skipped: DUIS corpus not found at ${DUIS_CORPUS_DIR})`;

export const corpusPath = (...parts: string[]) => path.join(DUIS_CORPUS_DIR, ...parts);

export const readCorpusFile = (...parts: string[]) => fs.readFileSync(corpusPath(...parts), "utf8");

/** File names in one corpus folder (templates, responses, requests-extra, certs...), sorted. */
export const corpusFiles = (folder: string) => fs.readdirSync(corpusPath(folder)).sort();
