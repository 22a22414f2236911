import { parseImage } from './images.js';

/**
 * The ports the official images listen on by default (their Dockerfiles' EXPOSE, Docker Hub
 * pages), by the last component of the repository: what a service listens on when its compose
 * file says nothing (`expose`, `ports`). An image not listed is not judged.
 */
const IMAGE_PORTS: ReadonlyMap<string, readonly number[]> = new Map([
  ['postgres', [5432]],
  ['postgis', [5432]],
  ['timescaledb', [5432]],
  ['mysql', [3306, 33060]],
  ['mariadb', [3306]],
  ['mongo', [27017]],
  ['redis', [6379]],
  ['valkey', [6379]],
  ['memcached', [11211]],
  ['rabbitmq', [4369, 5671, 5672, 15691, 15692, 25672]],
  ['elasticsearch', [9200, 9300]],
  ['opensearch', [9200, 9300, 9600, 9650]],
  ['nginx', [80]],
  ['httpd', [80]],
  ['caddy', [80, 443, 2019]],
  ['traefik', [80]],
  ['haproxy', []],
  ['grafana', [3000]],
  ['prometheus', [9090]],
  ['node-exporter', [9100]],
  ['alertmanager', [9093]],
  ['cadvisor', [8080]],
  ['influxdb', [8086]],
  ['couchdb', [4369, 5984, 9100]],
  ['cassandra', [7000, 7001, 7199, 9042, 9160]],
  ['neo4j', [7473, 7474, 7687]],
  ['minio', [9000]],
  ['consul', [8300, 8301, 8302, 8500, 8600]],
  ['vault', [8200]],
  ['zookeeper', [2181, 2888, 3888, 8080]],
  ['wordpress', [80]],
  ['php', []],
  ['adminer', [8080]],
  ['mailhog', [1025, 8025]],
  ['jaeger', []],
  ['keycloak', [8080, 8443]],
]);

/** The ports an image listens on by default, or undefined for an image composure does not know. */
export function imagePorts(image: string | undefined): readonly number[] | undefined {
  if (!image) return undefined;
  const { repository, tag } = parseImage(image);
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  // The php images that run php-fpm listen on 9000, the others (apache) on 80.
  if (last === 'php') return tag?.includes('fpm') ? [9000] : tag?.includes('apache') ? [80] : undefined;
  const ports = IMAGE_PORTS.get(last);
  return ports && ports.length > 0 ? ports : undefined;
}
