#!/usr/bin/env python3
"""Open311 GeoReport v2 conformance tests for Silian's /open311/v2 endpoint.

Run against a server that is already running (this script starts nothing):

    /usr/bin/python3 tests/conformance/open311_conformance.py \\
        --base http://127.0.0.1:8080/open311/v2 --api-key KEY [--schemas DIR] [-k PATTERN]

KEY is a key from `silian apikey create --name conformance`. DIR holds the
open311/schema-validation GeoReport v2 JSON Schemas (service.json,
services.json, service-definition.json, request.json, requests.json); it
defaults to $SILIAN_OPEN311_SCHEMAS, else /work/shared/conformance/open311.
-k (repeatable) runs only the tests whose name contains PATTERN.

Needs only the Python 3 standard library and python3-jsonschema (Draft 4).
It checks http://wiki.open311.org/GeoReport_v2 and /Service_Discovery:
status codes, content types, UTF-8, JSON Schemas, XML element names,
error bodies, filters and JSON/XML agreement. Each run creates two open
service requests whose description starts with "Open311 conformance".
It prints every test and exits non-zero if any test fails.
"""
import argparse
import datetime as dt
import json
import os
import re
import sys
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid
import warnings
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError:
    sys.exit('python3-jsonschema is required: apt-get install -y python3-jsonschema')

SCHEMA_FILES = ('service.json', 'services.json', 'service-definition.json',
                'request.json', 'requests.json')
SPEC_URL = 'http://wiki.open311.org/GeoReport_v2'
W3C = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$')
FORMATS = ('json', 'xml')
MARK = uuid.uuid4().hex[:10]
PERSONAL = {  # must never be published by GET requests / tokens
    'email': 'conf.%s@example.org' % MARK,
    'phone': '+86-139-%08d' % (int(MARK, 16) % 10 ** 8),
    'first_name': 'Confgiven%s' % MARK,
    'last_name': 'Conffamily%s' % MARK,
}
CFG = {}      # base, api_key
SCHEMAS = {}  # file name -> schema, also the $ref store
STATE = {}    # fixtures shared by tests, created lazily


# ---------------------------------------------------------------- helpers
def http(method, path, params=None, form=None):
    """Returns (status, content type, body bytes); never raises on 4xx/5xx."""
    url = CFG['base'] + '/' + path
    if params:
        url += '?' + urllib.parse.urlencode(params, safe=',')
    data, headers = None, {'Accept': '*/*'}
    if form is not None:
        data = urllib.parse.urlencode(form).encode('utf-8')
        headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8'
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get('Content-Type', ''), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get('Content-Type', ''), e.read()


def q(segment):
    return urllib.parse.quote(segment, safe='')


def text(el, tag):
    """Child text as common clients read it: missing or empty -> ''."""
    child = el.find(tag)
    return '' if child is None or child.text is None else child.text


def flat(el):
    """Leaf children of an XML element as {tag: text}."""
    return {c.tag: c.text or '' for c in el if len(c) == 0}


def parse_w3c(value):
    m = W3C.match(value or '')
    if not m:
        raise ValueError('not a W3C datetime with timezone: %r' % value)
    d = dt.datetime.strptime(value[:19], '%Y-%m-%dT%H:%M:%S')
    if m.group(1):
        d = d.replace(microsecond=int(m.group(1)[1:7].ljust(6, '0')))
    tz = m.group(2)
    off = dt.timedelta(0) if tz == 'Z' else (1 if tz[0] == '+' else -1) * \
        dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
    return d.replace(tzinfo=dt.timezone(off))


def w3c(moment, hours=0):
    """Formats an aware datetime as W3C with offset `hours` (Z when 0)."""
    local = moment.astimezone(dt.timezone(dt.timedelta(hours=hours)))
    suffix = 'Z' if hours == 0 else '%+03d:00' % hours
    return local.strftime('%Y-%m-%dT%H:%M:%S') + suffix


def now():
    return dt.datetime.now(dt.timezone.utc)


def validator(name):
    schema = SCHEMAS[name]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        if hasattr(jsonschema, 'RefResolver'):  # Debian 12: jsonschema 4.10
            resolver = jsonschema.RefResolver('', schema, store=SCHEMAS)
            return jsonschema.Draft4Validator(schema, resolver=resolver)
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4
        registry = Registry().with_resources(
            (n, Resource(contents=s, specification=DRAFT4)) for n, s in SCHEMAS.items())
        return jsonschema.Draft4Validator(schema, registry=registry)


# ---------------------------------------------------------------- base case
class Open311Case(unittest.TestCase):
    maxDiff = None

    def parse(self, fmt, ctype, raw, where):
        """Checks content type and UTF-8; returns JSON value or XML root."""
        mime, _, params = ctype.partition(';')
        allowed = ('application/json',) if fmt == 'json' else ('text/xml', 'application/xml')
        self.assertIn(mime.strip().lower(), allowed, '%s: Content-Type %r' % (where, ctype))
        charset = re.search(r'charset\s*=\s*"?([\w.:-]+)', params, re.I)
        if charset:
            self.assertEqual(charset.group(1).lower(), 'utf-8', '%s: %r' % (where, ctype))
        try:
            body = raw.decode('utf-8')
        except UnicodeDecodeError as e:
            self.fail('%s: body is not UTF-8: %s' % (where, e))
        if fmt == 'json':
            try:
                return json.loads(body)
            except ValueError as e:
                self.fail('%s: invalid JSON (%s): %r' % (where, e, body[:300]))
        self.assertRegex(body.lstrip('\ufeff')[:100], re.compile(r'^<\?xml [^>]*encoding=["\']utf-8["\']', re.I),
                         '%s: no XML declaration with encoding="UTF-8"' % where)
        try:
            return ET.fromstring(raw)
        except ET.ParseError as e:
            self.fail('%s: invalid XML (%s): %r' % (where, e, body[:300]))

    def get(self, path, fmt, params=None, status=200):
        code, ctype, raw = http('GET', '%s.%s' % (path, fmt), params)
        where = 'GET %s.%s %s' % (path, fmt, params or '')
        self.assertEqual(code, status, '%s: HTTP %s %r' % (where, code, raw[:300]))
        return self.parse(fmt, ctype, raw, where)

    def expect_error(self, method, path, fmt, statuses, params=None, form=None):
        """Request must fail with one of `statuses` and a GeoReport errors body."""
        code, ctype, raw = http(method, '%s.%s' % (path, fmt), params, form)
        where = '%s %s.%s' % (method, path, fmt)
        self.assertIn(code, statuses, '%s: HTTP %s %r' % (where, code, raw[:300]))
        doc = self.parse(fmt, ctype, raw, where + ' (error body)')
        if fmt == 'json':
            self.assertIsInstance(doc, list, where)
            errors = doc
        else:
            self.assertEqual(doc.tag, 'errors', where)
            errors = [{'code': text(e, 'code'), 'description': text(e, 'description')}
                      for e in doc.findall('error')]
        self.assertTrue(errors, '%s: empty errors list' % where)
        for e in errors:
            self.assertIsInstance(e, dict, where)
            expected = code if fmt == 'json' else str(code)
            self.assertEqual(e.get('code'), expected, '%s: error code' % where)
            self.assertFalse(isinstance(e.get('code'), bool), where)
            self.assertTrue(isinstance(e.get('description'), str) and e['description'].strip(),
                            '%s: error description missing' % where)
        return code

    def validate(self, name, instance, where):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', DeprecationWarning)
            errors = list(validator(name).iter_errors(instance))
        if errors:
            self.fail('%s: invalid against %s: %s' % (where, name, '; '.join(
                '%s: %s' % ('/'.join(map(str, e.absolute_path)) or '(root)', e.message)
                for e in errors[:5])))

    def assert_same_fields(self, j, x, where):
        """A JSON object and the flat XML record of the same thing agree."""
        for k in sorted(set(j) | set(x)):
            jv, xv = j.get(k), x.get(k, '')
            if isinstance(jv, (dict, list)):
                continue
            msg = '%s: field %s JSON %r vs XML %r' % (where, k, jv, xv)
            if jv is None:
                self.assertEqual(xv, '', msg)
            elif isinstance(jv, bool):
                self.assertEqual(xv, 'true' if jv else 'false', msg)
            elif isinstance(jv, (int, float)):
                self.assertRegex(xv, r'^-?\d+(\.\d+)?([eE][-+]?\d+)?$', msg)
                self.assertAlmostEqual(float(xv), jv, places=6, msg=msg)
            elif k.endswith('_datetime'):
                self.assertEqual(parse_w3c(xv), parse_w3c(jv), msg)
            else:
                self.assertEqual(xv, jv, msg)

    def check_request(self, rec, where):
        """Fields of one request record (JSON object or flat XML record)."""
        self.assertTrue(rec.get('service_request_id'), '%s: service_request_id' % where)
        self.assertTrue(rec.get('service_code'), '%s: service_code' % where)
        self.assertIn(rec.get('status'), ('open', 'closed'), '%s: status' % where)
        self.assertRegex(rec.get('requested_datetime') or '', W3C, '%s: requested_datetime' % where)
        for k in ('updated_datetime', 'expected_datetime'):
            if rec.get(k):
                self.assertRegex(rec[k], W3C, '%s: %s' % (where, k))
        for k in ('lat', 'long'):
            v = rec.get(k)
            if isinstance(v, str):  # XML
                self.assertRegex(v, r'^(-?\d+(\.\d+)?([eE][-+]?\d+)?)?$', '%s: %s' % (where, k))
            else:
                self.assertTrue(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)),
                                '%s: %s must be a number or null, got %r' % (where, k, v))

    def list_requests(self, fmt, params=None, path='requests'):
        """GET a list of requests; returns records (dicts) after checking them."""
        doc = self.get(path, fmt, params)
        where = 'GET %s.%s %s' % (path, fmt, params or '')
        if fmt == 'json':
            self.validate('requests.json', doc, where)
            records = doc
        else:
            self.assertEqual(doc.tag, 'service_requests', where)
            self.assertEqual([c.tag for c in doc if c.tag != 'request'], [], where)
            records = [flat(r) for r in doc.findall('request')]
        for rec in records:
            self.check_request(rec, where)
        return records

    # -------------------------------------------------------- fixtures
    def catalog(self):
        """(service_code, community key) of the first service."""
        if 'catalog' not in STATE:
            services = self.get('services', 'json')
            self.assertTrue(services, 'services.json lists no service')
            code = services[0]['service_code']
            definition = self.get('services/' + q(code), 'json')
            attr = [a for a in definition['attributes'] if a.get('code') == 'community']
            self.assertTrue(attr and attr[0].get('values'), 'no community values for ' + code)
            STATE['catalog'] = (code, attr[0]['values'][0]['key'])
        return STATE['catalog']

    def form(self, **extra):
        code, _ = self.catalog()
        form = {'api_key': CFG['api_key'], 'service_code': code,
                'device_id': 'conformance-device', 'account_id': 'conformance-account'}
        form.update(PERSONAL)
        form.update(extra)
        return {k: v for k, v in form.items() if v is not None}

    def created(self, fmt):
        """Posts one valid request in `fmt` (once per run) and returns its facts.
        JSON places it with attribute[community], XML with address_id."""
        if fmt not in STATE:
            code, community = self.catalog()
            description = 'Open311 conformance %s %s: 路灯不亮 & "小区" 门口' % (fmt, MARK)
            if fmt == 'json':
                form = self.form(description=description, lat='31.5747', long='120.2968',
                                 address_string='广益佳苑 12 幢', media_url='https://example.org/p.jpg',
                                 **{'attribute[community]': community})
            else:
                form = self.form(description=description, address_id=community)
            status, ctype, raw = http('POST', 'requests.' + fmt, form=form)
            where = 'POST requests.' + fmt
            self.assertIn(status, (200, 201), '%s: HTTP %s %r' % (where, status, raw[:300]))
            doc = self.parse(fmt, ctype, raw, where)
            if fmt == 'json':
                self.assertTrue(isinstance(doc, list) and len(doc) == 1, '%s: %r' % (where, doc))
                rec = doc[0]
                for k in ('service_notice', 'account_id'):
                    self.assertIn(k, rec, where)
                    self.assertTrue(rec[k] is None or isinstance(rec[k], str), where)
            else:
                self.assertEqual(doc.tag, 'service_requests', where)
                self.assertEqual(len(doc.findall('request')), 1, where)
                rec = flat(doc.find('request'))
            for k in ('service_request_id', 'token'):
                self.assertTrue(isinstance(rec.get(k), str) and rec[k],
                                '%s: %s must be a non-empty string: %r' % (where, k, rec))
            STATE[fmt] = {'id': rec['service_request_id'], 'token': rec['token'],
                          'code': code, 'form': form}
        return STATE[fmt]

    def requested_at(self, fmt):
        c = self.created(fmt)
        if 'requested' not in c:
            recs = self.list_requests('json', path='requests/' + q(c['id']))
            c['requested'] = parse_w3c(recs[0]['requested_datetime'])
        return c['requested']


# ---------------------------------------------------------------- tests
class T1Discovery(Open311Case):
    def test_discovery_json(self):
        doc = self.get('discovery', 'json')
        self.assertIsInstance(doc, dict)
        for k in ('changeset', 'contact', 'key_service'):
            self.assertTrue(isinstance(doc.get(k), str) and doc[k], 'discovery ' + k)
        ours = [e for e in doc.get('endpoints') or [] if e.get('specification') == SPEC_URL]
        self.assertTrue(ours, 'no endpoint with specification ' + SPEC_URL)
        base_path = urllib.parse.urlparse(CFG['base']).path.rstrip('/')
        for e in ours:
            for k in ('url', 'changeset', 'type'):
                self.assertTrue(isinstance(e.get(k), str) and e[k], 'endpoint ' + k)
            url = urllib.parse.urlparse(e['url'])
            self.assertIn(url.scheme, ('http', 'https'), e['url'])
            self.assertTrue(url.path.rstrip('/').endswith(base_path), e['url'])
            self.assertIn(e['type'], ('production', 'test'))
            self.assertIn('application/json', e['formats'])
            self.assertTrue({'text/xml', 'application/xml'} & set(e['formats']), e['formats'])

    def test_discovery_xml_matches_json(self):
        j, x = self.get('discovery', 'json'), self.get('discovery', 'xml')
        self.assertEqual(x.tag, 'discovery')
        self.assert_same_fields(j, flat(x), 'discovery')
        xe = x.findall('endpoints/endpoint')
        self.assertEqual(len(xe), len(j['endpoints']))
        for je, el in zip(j['endpoints'], xe):
            self.assert_same_fields(je, flat(el), 'discovery endpoint')
            self.assertEqual([f.text for f in el.findall('formats/format')], je['formats'])


class T2Services(Open311Case):
    def test_services_json(self):
        doc = self.get('services', 'json')
        self.validate('services.json', doc, 'services.json')
        self.assertTrue(doc, 'no services')
        codes = [s['service_code'] for s in doc]
        self.assertEqual(len(codes), len(set(codes)), 'duplicate service codes')
        for s in doc:
            self.assertIs(s['metadata'], True, s['service_code'])
            self.assertEqual(s['type'], 'realtime', s['service_code'])

    def test_services_xml_matches_json(self):
        j, x = self.get('services', 'json'), self.get('services', 'xml')
        self.assertEqual(x.tag, 'services')
        xs = {text(s, 'service_code'): flat(s) for s in x.findall('service')}
        self.assertEqual(len(xs), len(x.findall('service')), 'duplicate XML service codes')
        self.assertEqual(sorted(xs), sorted(s['service_code'] for s in j))
        for js in j:
            xs1 = xs[js['service_code']]
            for k in ('service_code', 'service_name', 'metadata', 'type'):
                self.assertIn(k, xs1, 'XML service lacks <%s>' % k)
            self.assert_same_fields(js, xs1, 'service ' + js['service_code'])

    def test_service_definitions(self):
        for s in self.get('services', 'json'):
            code = s['service_code']
            with self.subTest(service_code=code):
                d = self.get('services/' + q(code), 'json')
                self.validate('service-definition.json', d, 'definition ' + code)
                self.assertEqual(d['service_code'], code)
                orders = [a['order'] for a in d['attributes'] if a.get('order') is not None]
                self.assertTrue(all(o > 0 for o in orders) and len(orders) == len(set(orders)),
                                'order must be distinct positive integers: %r' % orders)
                comm = [a for a in d['attributes'] if a['code'] == 'community']
                self.assertEqual(len(comm), 1, 'one attribute with code "community"')
                a = comm[0]
                self.assertEqual((a['datatype'], a['required'], a['variable']),
                                 ('singlevaluelist', True, True))
                keys = [v['key'] for v in a.get('values') or []]
                self.assertTrue(keys and all(keys) and len(keys) == len(set(keys)), keys)
                self.assertTrue(all(v['name'] for v in a['values']))

    def test_service_definition_xml_matches_json(self):
        for s in self.get('services', 'json'):
            code = s['service_code']
            with self.subTest(service_code=code):
                j, x = self.get('services/' + q(code), 'json'), self.get('services/' + q(code), 'xml')
                self.assertEqual(x.tag, 'service_definition')
                self.assertEqual(text(x, 'service_code'), code)
                xa = {text(el, 'code'): el for el in x.findall('attributes/attribute')}
                self.assertEqual(sorted(xa), sorted(a['code'] for a in j['attributes']))
                for ja in j['attributes']:
                    el = xa[ja['code']]
                    for k in ('variable', 'code', 'datatype', 'required'):
                        self.assertIsNotNone(el.find(k), 'XML attribute lacks <%s>' % k)
                    self.assert_same_fields(ja, flat(el), 'attribute ' + ja['code'])
                    self.assertEqual([(text(v, 'key'), text(v, 'name')) for v in el.findall('values/value')],
                                     [(v['key'], v['name']) for v in ja.get('values') or []])

    def test_unknown_service_definition_is_404(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self.expect_error('GET', 'services/no-such-service-' + MARK, fmt, (404,))


class T3PostRejected(Open311Case):
    def assert_rejected_create_nothing(self, cases):
        """Each (name, form, statuses) POST fails in both formats and creates nothing."""
        code, _ = self.catalog()
        since = w3c(now() - dt.timedelta(minutes=10))
        before = len(self.list_requests('json', {'service_code': code, 'start_date': since}))
        for name, form, statuses in cases:
            for fmt in FORMATS:
                with self.subTest(case=name, fmt=fmt):
                    self.expect_error('POST', 'requests', fmt, statuses, form=form)
        after = self.list_requests('json', {'service_code': code, 'start_date': since})
        self.assertEqual(len(after), before, 'a rejected POST created a request')
        everything = self.list_requests('json', {'start_date': since})
        leaked = [r['service_request_id'] for r in everything
                  if 'rejected %s' % MARK in (r.get('description') or '')]
        self.assertEqual(leaked, [], 'rejected POSTs created requests')

    def test_post_api_key_errors_are_403(self):
        _, community = self.catalog()
        base = dict(description='Open311 conformance rejected %s' % MARK,
                    **{'attribute[community]': community})
        self.assert_rejected_create_nothing([
            ('missing api_key', self.form(api_key=None, **base), (403,)),
            ('unknown api_key', self.form(api_key='wrong-' + MARK, **base), (403,)),
        ])

    def test_post_invalid_requests_are_400(self):
        _, community = self.catalog()
        desc = 'Open311 conformance rejected %s' % MARK
        place = {'attribute[community]': community}
        self.assert_rejected_create_nothing([
            ('missing service_code', self.form(service_code=None, description=desc, **place), (400,)),
            ('unknown service_code', self.form(service_code='no-such-' + MARK, description=desc,
                                               **place), (400, 404)),
            ('missing place', self.form(description=desc), (400,)),
            ('missing description', self.form(**place), (400,)),
            ('empty description', self.form(description='', **place), (400,)),
        ])


class T4Requests(Open311Case):
    def test_post_json_and_xml_create_requests(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self.created(fmt)
        self.assertNotEqual(STATE['json']['id'], STATE['xml']['id'])

    def test_get_request_json(self):
        for fmt in FORMATS:
            c = self.created(fmt)
            with self.subTest(posted_as=fmt):
                recs = self.list_requests('json', path='requests/' + q(c['id']))
                self.assertEqual(len(recs), 1, 'exactly one request')
                r = recs[0]
                self.assertEqual(r['service_request_id'], c['id'])
                self.assertEqual(r['service_code'], c['code'])
                self.assertEqual(r['description'], c['form']['description'])
                self.assertEqual(r['status'], 'open')
                skew = abs((parse_w3c(r['requested_datetime']) - now()).total_seconds())
                self.assertLess(skew, 600, 'requested_datetime %s is not now (timezone?)'
                                % r['requested_datetime'])

    def test_get_request_xml_matches_json(self):
        for fmt in FORMATS:
            c = self.created(fmt)
            with self.subTest(posted_as=fmt):
                j = self.list_requests('json', path='requests/' + q(c['id']))
                x = self.list_requests('xml', path='requests/' + q(c['id']))
                self.assertEqual(len(x), 1, 'exactly one <request>')
                self.assertEqual(x[0]['description'], c['form']['description'])
                self.assert_same_fields(j[0], x[0], 'request ' + c['id'])

    def test_no_personal_data_published(self):
        for posted in FORMATS:
            c = self.created(posted)
            for fmt in FORMATS:
                for path, params in (('requests/' + q(c['id']), None),
                                     ('requests', {'service_request_id': c['id']}),
                                     ('tokens/' + q(c['token']), None)):
                    status, _, raw = http('GET', '%s.%s' % (path, fmt), params)
                    body = raw.decode('utf-8', 'replace')
                    for field, value in PERSONAL.items():
                        with self.subTest(path=path, fmt=fmt, field=field):
                            self.assertEqual(status, 200)
                            self.assertFalse(value in body, 'posted %s %r is published' % (field, value))

    def test_unknown_request_is_404(self):
        for fmt in FORMATS:
            for rid in ('no-such-request-' + MARK, '987654321987'):
                with self.subTest(fmt=fmt, id=rid):
                    self.expect_error('GET', 'requests/' + rid, fmt, (404,))

    def test_token_lookup(self):
        for posted in FORMATS:
            c = self.created(posted)
            with self.subTest(posted_as=posted):
                j = self.get('tokens/' + q(c['token']), 'json')
                self.assertEqual([{k: o.get(k) for k in ('service_request_id', 'token')} for o in j],
                                 [{'service_request_id': c['id'], 'token': c['token']}])
                x = self.get('tokens/' + q(c['token']), 'xml')
                self.assertEqual(x.tag, 'service_requests')
                self.assertEqual([(text(r, 'service_request_id'), text(r, 'token'))
                                  for r in x.findall('request')], [(c['id'], c['token'])])

    def test_unknown_token_is_404(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self.expect_error('GET', 'tokens/no-such-token-' + MARK, fmt, (404,))


class T5RequestList(Open311Case):
    def ids(self, fmt, params):
        return [r['service_request_id'] for r in self.list_requests(fmt, params)]

    def test_list_without_filters(self):
        self.created('json')
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self.list_requests(fmt)  # default window: most recent 90 days

    def test_filter_by_ids_overrides_other_filters(self):
        a, b = self.created('json')['id'], self.created('xml')['id']
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self.assertEqual(sorted(self.ids(fmt, {'service_request_id': a})), [a])
                self.assertEqual(sorted(self.ids(fmt, {'service_request_id': '%s,%s' % (a, b)})),
                                 sorted([a, b]))
                ignored = {'service_request_id': a, 'status': 'closed', 'service_code': 'x' + MARK,
                           'start_date': '2001-01-01T00:00:00Z', 'end_date': '2001-01-02T00:00:00Z'}
                self.assertEqual(self.ids(fmt, ignored), [a], 'other filters must be ignored')

    def test_filter_by_service_code_and_start_date(self):
        c, x = self.created('json'), self.created('xml')
        start = self.requested_at('json') - dt.timedelta(minutes=1)
        params = {'service_code': c['code'], 'start_date': w3c(start)}
        found = {}
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                recs = self.list_requests(fmt, params)
                found[fmt] = [r['service_request_id'] for r in recs]
                self.assertIn(c['id'], found[fmt])
                self.assertIn(x['id'], found[fmt])
                for r in recs:
                    self.assertEqual(r['service_code'], c['code'])
                    self.assertGreaterEqual(parse_w3c(r['requested_datetime']), start)
        self.assertEqual(sorted(found.get('xml', [])), sorted(found.get('json', [])),
                         'XML and JSON lists differ')

    def test_dates_with_utc_offsets(self):
        c = self.created('json')
        at = self.requested_at('json')
        params = {'service_code': c['code'], 'start_date': w3c(at - dt.timedelta(minutes=1), 8),
                  'end_date': w3c(at + dt.timedelta(minutes=1), -5)}
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self.assertIn(c['id'], self.ids(fmt, params))

    def test_end_date_before_request_excludes_it(self):
        c = self.created('json')
        end = self.requested_at('json') - dt.timedelta(minutes=1)
        params = {'service_code': c['code'], 'start_date': w3c(end - dt.timedelta(days=1)),
                  'end_date': w3c(end)}
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                recs = self.list_requests(fmt, params)
                self.assertNotIn(c['id'], [r['service_request_id'] for r in recs])
                for r in recs:
                    self.assertLessEqual(parse_w3c(r['requested_datetime']), end)

    def test_status_filter(self):
        c = self.created('json')
        window = {'service_code': c['code'],
                  'start_date': w3c(self.requested_at('json') - dt.timedelta(minutes=1))}
        for fmt in FORMATS:
            for status, included in (('closed', False), ('open', True)):
                with self.subTest(fmt=fmt, status=status):
                    recs = self.list_requests(fmt, dict(window, status=status))
                    self.assertEqual(c['id'] in [r['service_request_id'] for r in recs], included)
                    self.assertEqual({r['status'] for r in recs} - {status}, set())

    def test_invalid_dates_are_400(self):
        for fmt in FORMATS:
            for params in ({'start_date': 'not-a-date'}, {'end_date': '2026-13-01T00:00:00Z'}):
                with self.subTest(fmt=fmt, params=params):
                    self.expect_error('GET', 'requests', fmt, (400,), params=params)


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description='Open311 GeoReport v2 conformance tests')
    ap.add_argument('--base', required=True, help='e.g. http://127.0.0.1:8080/open311/v2')
    ap.add_argument('--api-key', required=True)
    ap.add_argument('--schemas', default=os.environ.get('SILIAN_OPEN311_SCHEMAS')
                    or '/work/shared/conformance/open311')
    ap.add_argument('-k', dest='patterns', action='append', default=[],
                    help='run only tests whose name contains this')
    args = ap.parse_args()
    CFG.update(base=args.base.rstrip('/'), api_key=args.api_key)
    for name in SCHEMA_FILES:
        try:
            with open(os.path.join(args.schemas, name), encoding='utf-8') as f:
                SCHEMAS[name] = json.load(f)
        except (OSError, ValueError) as e:
            sys.exit('cannot load schema %s from %s: %s' % (name, args.schemas, e))
    loader = unittest.TestLoader()
    if args.patterns:
        loader.testNamePatterns = ['*%s*' % p for p in args.patterns]
    suite = loader.loadTestsFromModule(sys.modules[__name__])
    print('Open311 conformance against %s (run marker %s)' % (CFG['base'], MARK))
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() and result.testsRun else 1)


if __name__ == '__main__':
    main()
