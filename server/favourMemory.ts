/**
 * Tilannekuva is meant to run on small servers, so V8 is told to favour memory over speed: the
 * heap grows in smaller steps and garbage is collected sooner. On the many-boards benchmark
 * (500 boards in use) peak RSS went from ~190 to ~150 MiB at the same latency and CPU; a cold
 * load of a 5,000-note board took ~8 % longer. V8 consults the flag at every collection, so it
 * works when set at start-up; the benchmark imports this file too, to run ours as `npm start` does.
 */
import v8 from 'node:v8'

v8.setFlagsFromString('--optimize-for-size')
