// Files and thumbnails need the bearer token, so they are fetched as Blobs; the recent ones are
// kept here so scrolling a message back into view does not fetch its image again.

const MAX_ENTRIES = 100;
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * A small least-recently-used cache of Blobs by URL, bounded by count and by bytes. A fetch on
 * its way is shared by everyone asking; a failed one is forgotten so the next ask tries again.
 */
export class FileCache {
  /** in order of use, the least recent first (a Map keeps insertion order) */
  private readonly entries = new Map<string, { blob: Promise<Blob>; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly load: (url: string) => Promise<Blob>,
    private readonly maxEntries = MAX_ENTRIES,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  get(url: string): Promise<Blob> {
    const known = this.entries.get(url);
    if (known) {
      this.entries.delete(url);
      this.entries.set(url, known);
      return known.blob;
    }
    const entry = { blob: this.load(url), bytes: 0 };
    this.entries.set(url, entry);
    this.trim();
    entry.blob.then(
      (blob) => {
        if (this.entries.get(url) !== entry) return;
        // one file about as large as the whole cache would push everything else out: not kept
        if (blob.size > this.maxBytes / 4) {
          this.entries.delete(url);
          return;
        }
        entry.bytes = blob.size;
        this.bytes += blob.size;
        this.trim();
      },
      () => {
        if (this.entries.get(url) === entry) this.entries.delete(url);
      },
    );
    return entry.blob;
  }

  get size(): number {
    return this.entries.size;
  }

  private trim(): void {
    for (const [url, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.entries.delete(url);
      this.bytes -= entry.bytes;
    }
  }
}
