/*
 * PgLambda runtime, evaluated once per JavaScript context before any user code runs. It receives the user's
 * function (the script wrapped as a function body) and returns {run, result}. The host exchanges only strings with
 * it, and it keeps its own references to JSON and Object helpers, so a script that replaces globals cannot break
 * the protocol with the host.
 *
 * Scope of the script (StackGres PgLambda contract first, then SGStream helpers):
 *   event    the CloudEvent, shaped like the JavaScript cloudevents SDK: specversion, id, type, source, subject,
 *            time, datacontenttype, data (parsed JSON) and every extension attribute as a string property
 *   request  the HTTP request: method, url, path, headers (lower-case names; read on first use), body (text),
 *            get(name)/header(name)
 *   response Express-like: status, sendStatus, writeHead, set/header/setHeader/getHeader, type, write, send,
 *            json, end, statusCode
 *   change   for io.sgstream.change events: op, schema, table, columns, key, before, after, unchanged, snapshot,
 *            position {epoch, txseq, seq, lsn, txid}, commitTime; null for other events
 *   reply(type, data, extensions?)  emit one CloudEvent in answer (re-published by the Broker)
 *   drop()   acknowledge the event and emit nothing
 */
(function (userFunction) {
    'use strict';
    const parse = JSON.parse;
    const stringify = JSON.stringify;
    const keys = Object.keys;
    const create = Object.create;
    // Symbol keys: neither JSON.stringify nor Object.keys show them to the script.
    const EVENT = Symbol('event');
    const HEADERS_JSON = Symbol('headersJson');
    const HEADERS = Symbol('headers');
    const STATE = Symbol('state');
    const RESERVED_TYPE_PREFIX = 'io.sgstream.';
    const CHANGE_TYPE = 'io.sgstream.change';

    let current = null;

    function active(what) {
        if (current === null) {
            throw new Error(what + ' can only be called while an event is being handled');
        }
        return current;
    }

    function text(value) {
        if (value === undefined || value === null) {
            return '';
        }
        return typeof value === 'object' ? stringify(value) : String(value);
    }

    function reply(type, data, extensions) {
        const state = active('reply()');
        if (typeof type !== 'string' || type.length === 0) {
            throw new TypeError('reply(type, data, extensions?): type must be a non-empty string');
        }
        if (type.startsWith(RESERVED_TYPE_PREFIX)) {
            throw new TypeError("reply type '" + type + "' must not start with '" + RESERVED_TYPE_PREFIX
                + "': those types are the stream's own and a reply of that type would be delivered back in a loop");
        }
        if (state.reply !== null) {
            throw new Error('reply() was already called for this event: a Knative reply carries one CloudEvent');
        }
        const ext = {};
        if (extensions !== undefined && extensions !== null) {
            if (typeof extensions !== 'object') {
                throw new TypeError('reply extensions must be an object whose values are strings');
            }
            for (const name of keys(extensions)) {
                ext[name] = String(extensions[name]);
            }
        }
        const json = data === undefined ? undefined : stringify(data);
        state.reply = {type: type, data: json === undefined ? null : json, extensions: ext};
    }

    function drop() {
        active('drop()').dropped = true;
    }

    // Request and response methods live on prototypes made once per context: an event only allocates the objects.
    const requestPrototype = {
        get headers() {
            if (this[HEADERS] === undefined) {
                this[HEADERS] = this[HEADERS_JSON] === null ? binaryHeaders(this[EVENT]) : parse(this[HEADERS_JSON]);
            }
            return this[HEADERS];
        },
        get: function (name) {
            return this.headers[String(name).toLowerCase()];
        },
        header: function (name) {
            return this.headers[String(name).toLowerCase()];
        }
    };

    // The headers a Broker sends in binary mode, for events that did not arrive over HTTP.
    function binaryHeaders(event) {
        const headers = {};
        for (const name of keys(event)) {
            if (name === 'data') {
                continue;
            }
            if (name === 'datacontenttype') {
                headers['content-type'] = event[name];
            } else {
                headers['ce-' + name] = String(event[name]);
            }
        }
        return headers;
    }

    function makeRequest(event, method, path, headersJson, body) {
        const request = create(requestPrototype);
        request.method = method;
        request.url = path;
        request.path = path;
        request.originalUrl = path;
        request.body = body;
        request[EVENT] = event;
        request[HEADERS_JSON] = headersJson;
        request[HEADERS] = undefined;
        return request;
    }

    const responsePrototype = {
        get statusCode() {
            return this[STATE].status === null ? 200 : this[STATE].status;
        },
        set statusCode(code) {
            this[STATE].status = code;
        },
        get headersSent() {
            return this[STATE].ended;
        },
        status: function (code) {
            this[STATE].status = code;
            return this;
        },
        sendStatus: function (code) {
            this[STATE].status = code;
            return this.end();
        },
        writeHead: function (code, message, headers) {
            this[STATE].status = code;
            const h = (typeof message === 'object' && message !== null) ? message : headers;
            if (h) {
                this.set(h);
            }
            return this;
        },
        set: function (field, value) {
            const headers = this[STATE].headers;
            if (typeof field === 'object' && field !== null) {
                for (const name of keys(field)) {
                    headers[String(name).toLowerCase()] = String(field[name]);
                }
            } else {
                headers[String(field).toLowerCase()] = String(value);
            }
            return this;
        },
        header: function (field, value) {
            return this.set(field, value);
        },
        setHeader: function (name, value) {
            this.set(name, value);
            return this;
        },
        getHeader: function (name) {
            return this[STATE].headers[String(name).toLowerCase()];
        },
        type: function (contentType) {
            return this.set('content-type', contentType);
        },
        write: function (chunk) {
            this[STATE].body += text(chunk);
            return true;
        },
        send: function (body) {
            this[STATE].body += text(body);
            return this.end();
        },
        json: function (value) {
            this.set('content-type', 'application/json');
            this[STATE].body += stringify(value);
            return this.end();
        },
        end: function (chunk) {
            if (typeof chunk !== 'function') {
                this[STATE].body += text(chunk);
            }
            this[STATE].ended = true;
            return this;
        }
    };

    function makeResponse(state) {
        const response = create(responsePrototype);
        response[STATE] = state;
        return response;
    }

    function makeChange(event) {
        if (event.type !== CHANGE_TYPE) {
            return null;
        }
        const d = event.data;
        const source = d.source || {};
        return {
            id: event.id,
            op: d.op,
            schema: d.schema,
            table: d.table,
            columns: d.columns,
            key: d.key === undefined ? null : d.key,
            before: d.before === undefined ? null : d.before,
            after: d.after === undefined ? null : d.after,
            unchanged: d.unchanged || [],
            snapshot: event.snapshot === 'true',
            position: {
                epoch: event.epoch,
                txseq: Number(event.txseq),
                seq: Number(event.seq),
                lsn: source.lsn === undefined ? null : source.lsn,
                txid: source.txid === undefined ? null : source.txid
            },
            commitTime: source.ts === undefined ? null : source.ts
        };
    }

    // Runs the script for one event; headers is null when the event did not come over HTTP. Promise jobs the script queued run when this call returns to the host,
    // before result() is asked for, so asynchronous code may still answer through response/reply.
    function run(attributes, data, method, path, headers, body) {
        const event = parse(attributes);
        if (data !== null) {
            event.data = parse(data);
        }
        const state = {status: null, headers: {}, body: '', ended: false, reply: null, dropped: false};
        current = state;
        userFunction(event, makeRequest(event, method, path, headers, body), makeResponse(state),
            makeChange(event), reply, drop);
    }

    function result() {
        const state = active('result()');
        current = null;
        // An ended response without a status is a 200, as in Express; an untouched one says nothing (204).
        const status = state.status !== null ? state.status : (state.ended ? 200 : null);
        return stringify({status: status, body: state.body, reply: state.reply, dropped: state.dropped});
    }

    return {run: run, result: result};
})
