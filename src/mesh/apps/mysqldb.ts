// Kiali travel demo's database (quay.io/kiali/demo_travels_mysqldb): MySQL on 3306. MySQL speaks first: on every new
// connection the server sends its handshake (protocol version 10, server version, salt) before reading anything, so
// curl reads binary where it expects "HTTP/1.x" (MySQL docs: Client/Server Protocol, Connection Phase).
import type { ServerFirstAppModel } from './app.ts';

export const mysqldb: ServerFirstAppModel = {
  name: 'mysqldb',
  speaks: 'server-first',
  protocolName: 'MySQL',
  matches: (image) => image.includes('mysqldb'),
  // mysqld's default port; the demo does not change it (the X protocol port 33060 is not modelled).
  ports: [3306],
};
