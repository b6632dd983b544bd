// Stands in for whatwg-url in the bundle. node-fetch 2 (client-node's HTTP client) imports it only as a
// fallback for Node's own URL class (node-fetch lib/index.mjs: `Url.URL || whatwgUrl.URL`), and every
// Node that labs supports has one. The real package would load a 250 KB Unicode table at every start.
export default { URL, URLSearchParams };
