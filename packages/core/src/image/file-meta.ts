/** What the layer walker records for every entry of a layer tar. */
export interface FileMeta {
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Permission bits and setuid/setgid/sticky (`mode & 0o7777`). */
  mode: number;
  size: number;
  uid: number;
  gid: number;
  /** For symlinks: the target as written; for hardlinks: the normalised path of the target. */
  linkTarget?: string;
}

/** A file entry of the merged view: its metadata plus the layer it comes from. */
export interface ViewEntry extends FileMeta {
  layerIndex: number;
}
