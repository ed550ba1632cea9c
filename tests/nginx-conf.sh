#!/bin/sh
# Print an nginx configuration (Debian's nginx-light) for the host and QEMU
# tests: in the foreground, one worker, every file it writes in DIR, an
# access log (DIR/nginx-access.log) naming each request's connection and
# its number on it (log format "conn"; "timed" adds the request's time in
# seconds), keep-alive, one server on LISTEN serving ROOT with
# SERVER-DIRECTIVES, and HTTP-BLOCKS (more servers) beside it.
#
# usage: tests/nginx-conf.sh DIR LISTEN ROOT [SERVER-DIRECTIVES [HTTP-BLOCKS]]
set -eu
cat <<CONF
daemon off;
user root;
worker_processes 1;
pid $1/nginx.pid;
error_log $1/nginx-error.log;
events { }
http {
	log_format conn '\$connection \$connection_requests \$request_method \$uri \$status';
	log_format timed '\$connection \$connection_requests \$request_method \$uri \$status \$request_time';
	access_log $1/nginx-access.log conn;
	client_body_temp_path $1/nginx-body;
	proxy_temp_path $1/nginx-proxy;
	fastcgi_temp_path $1/nginx-fastcgi;
	uwsgi_temp_path $1/nginx-uwsgi;
	scgi_temp_path $1/nginx-scgi;
	sendfile on;
	keepalive_timeout 60s;
	keepalive_requests 1000;
	server {
		listen $2;
		root $3;
		${4:-}
	}
	${5:-}
}
CONF
