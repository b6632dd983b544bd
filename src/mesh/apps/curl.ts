// The curl and sleep clients (samples/curl, samples/sleep, curlimages/curl): they run "sleep", nothing listens.
import type { AppModel } from './app.ts';

export const curlClient: AppModel = {
  name: 'curl',
  matches: (image) => /curlimages\/curl|(^|\/)curl([:@]|$)|(^|\/)sleep([:@]|$)|busybox|alpine/.test(image),
  ports: 'none',
  respond() {
    return { status: 500, headers: [], body: '' };
  },
};
