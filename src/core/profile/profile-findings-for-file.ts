import type { DatasetCheckRequest } from '../lint/dataset-checks';
import type { Finding } from '../lint/finding';
import { attributeAnchors } from './attribute-anchors';
import { profileFormatOf } from './dataset-source';
import { profileDataset } from './profile-dataset';
import { profileFindings } from './profile-findings';

/** Representativeness findings of a file, placed on the attributes' header cells (or keys). */
export async function profileFindingsForFile(req: DatasetCheckRequest): Promise<Finding[]> {
  const format = profileFormatOf(req.file);
  if (!format) return [];
  const profile = await profileDataset(req.file, req.spec, {
    configDir: req.configDir,
    ...(req.bootstrap ? { bootstrap: req.bootstrap } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
  });
  return profileFindings(profile, req.spec, await attributeAnchors(req.file, format));
}
