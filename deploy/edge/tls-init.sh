#!/bin/sh
# One-shot: make sure the edge has a TLS certificate in /etc/nginx/tls (tls.crt, tls.key).
#   - a certificate is already there (a real one mounted in production, or an earlier run's):
#     check that it and the key match and that it is still valid, then leave it alone;
#   - none, and TLS_SELF_SIGNED=true (development): make a self-signed one for PUBLIC_HOST;
#   - none, and TLS_SELF_SIGNED is not true (production): fail, so the edge does not start.
set -eu
dir=/etc/nginx/tls
host="${PUBLIC_HOST:?PUBLIC_HOST must be set}"

if [ -s "$dir/tls.crt" ] && [ -s "$dir/tls.key" ]; then
  crt=$(openssl x509 -noout -pubkey -in "$dir/tls.crt" | openssl sha256)
  key=$(openssl pkey -pubout -in "$dir/tls.key" | openssl sha256)
  if [ "$crt" != "$key" ]; then
    echo "tls-init: $dir/tls.crt and $dir/tls.key do not belong together" >&2
    exit 1
  fi
  if ! openssl x509 -checkend 0 -noout -in "$dir/tls.crt" >/dev/null; then
    echo "tls-init: $dir/tls.crt has expired" >&2
    exit 1
  fi
  openssl x509 -noout -subject -enddate -in "$dir/tls.crt"
  exit 0
fi

if [ "${TLS_SELF_SIGNED:-false}" != "true" ]; then
  echo "tls-init: no certificate in $dir and TLS_SELF_SIGNED is not true: mount tls.crt and tls.key" >&2
  exit 1
fi

echo "tls-init: making a self-signed certificate for ${host} (development only)"
openssl req -x509 -newkey rsa:2048 -sha256 -days 825 -nodes \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" \
  -subj "/CN=${host}" \
  -addext "subjectAltName=DNS:${host},DNS:localhost,IP:127.0.0.1" \
  -addext "extendedKeyUsage=serverAuth"
chmod 0644 "$dir/tls.crt"
chmod 0600 "$dir/tls.key"
