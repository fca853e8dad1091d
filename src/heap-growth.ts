// Garbage-collection policy of a large build. V8 lets the heap grow by half or more before a full
// collection; a cold build holds the whole site model and streams through much short-lived data,
// so that slack is most of its peak memory. Growing by a quarter takes a cold build of 10,000
// articles from about 530 to 380-420 MiB, for about 6 % more time: more full collections.
// It is set only once a build is about to parse many articles (a cold build, whose peak is the
// one that matters), not for every run: a build from the cache loads tens of MB of data that all
// stay alive, and growing by a quarter at a time made V8 mark all of it again at every step
// (a tenth of a one-change build at 10,000 articles, whose peak is far lower anyway).
// The flag is process-wide and applies to worker threads started afterwards.
import { setFlagsFromString } from 'node:v8';

export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=25');
}
