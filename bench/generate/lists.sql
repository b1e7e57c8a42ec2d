-- Small lookup tables the generators draw from (the same SQL on SQLite and PostgreSQL).

-- What an order has been through, how often, how long ago it was placed (in minutes, a
-- uniform draw between min_age and max_age) and its version (changes since placement). A draw
-- of 0–99 picks the first state whose `upto` is above it; state 9 (placed minutes ago, still
-- cancellable) is never drawn: the last orders get it.
CREATE TEMP TABLE g_state (state INTEGER PRIMARY KEY, name TEXT, upto INTEGER,
                           min_age BIGINT, max_age BIGINT, version INTEGER);
INSERT INTO g_state VALUES
    (1, 'delivered',          64, 28800, 1051200, 3),
    (2, 'shipped',            74,  4320,   28800, 2),
    (3, 'partly shipped',     78,  4320,   14400, 2),
    (4, 'processing',         87,   120,    4320, 1),
    (5, 'waiting for stock',  90,  1440,   36000, 1),
    (6, 'on hold',            92,   120,    7200, 2),
    (7, 'payment pending',    94,   120,    2880, 1),
    (8, 'cancelled',         100,  1440, 1051200, 2),
    (9, 'cancellable',      1000,     1,      20, 1);

-- Line positions 1..5.
CREATE TEMP TABLE g_pos (n INTEGER PRIMARY KEY);
INSERT INTO g_pos VALUES (1), (2), (3), (4), (5);

-- Customers' languages by customer id mod 10 (40 % nb, 20 % fi, 20 % nl, 20 % en), with the
-- currency, email domain and carrier that go with them.
CREATE TEMP TABLE g_locale (k INTEGER PRIMARY KEY, locale TEXT, currency TEXT, tld TEXT,
                            carrier TEXT, tracking_prefix TEXT, tracking_url TEXT);
INSERT INTO g_locale VALUES
    (0, 'nb', 'NOK', 'no', 'Posten Bring', 'NB', 'https://sporing.posten.no/sporing/'),
    (1, 'nb', 'NOK', 'no', 'Posten Bring', 'NB', 'https://sporing.posten.no/sporing/'),
    (2, 'nb', 'NOK', 'no', 'Posten Bring', 'NB', 'https://sporing.posten.no/sporing/'),
    (3, 'nb', 'NOK', 'no', 'Posten Bring', 'NB', 'https://sporing.posten.no/sporing/'),
    (4, 'fi', 'EUR', 'fi', 'Posti', 'FI', 'https://www.posti.fi/fi/seuranta#/lahetys/'),
    (5, 'fi', 'EUR', 'fi', 'Posti', 'FI', 'https://www.posti.fi/fi/seuranta#/lahetys/'),
    (6, 'nl', 'EUR', 'nl', 'PostNL', 'NL', 'https://postnl.nl/tracktrace/?B='),
    (7, 'nl', 'EUR', 'nl', 'PostNL', 'NL', 'https://postnl.nl/tracktrace/?B='),
    (8, 'en', 'EUR', 'com', 'DHL Express', 'EN', 'https://www.dhl.com/track?id='),
    (9, 'en', 'EUR', 'com', 'DHL Express', 'EN', 'https://www.dhl.com/track?id=');

CREATE TEMP TABLE g_first (locale TEXT, k INTEGER, first TEXT, PRIMARY KEY (locale, k));
INSERT INTO g_first VALUES
    ('nb', 0, 'Kari'), ('nb', 1, 'Ola'), ('nb', 2, 'Ingrid'), ('nb', 3, 'Lars'),
    ('nb', 4, 'Sigrid'), ('nb', 5, 'Magnus'), ('nb', 6, 'Nora'), ('nb', 7, 'Håkon'),
    ('fi', 0, 'Aino'), ('fi', 1, 'Eero'), ('fi', 2, 'Helmi'), ('fi', 3, 'Juha'),
    ('fi', 4, 'Leena'), ('fi', 5, 'Mikko'), ('fi', 6, 'Sanna'), ('fi', 7, 'Väinö'),
    ('nl', 0, 'Sanne'), ('nl', 1, 'Daan'), ('nl', 2, 'Emma'), ('nl', 3, 'Bram'),
    ('nl', 4, 'Fleur'), ('nl', 5, 'Joris'), ('nl', 6, 'Lotte'), ('nl', 7, 'Sem'),
    ('en', 0, 'Emily'), ('en', 1, 'James'), ('en', 2, 'Olivia'), ('en', 3, 'Harry'),
    ('en', 4, 'Grace'), ('en', 5, 'Oliver'), ('en', 6, 'Chloe'), ('en', 7, 'Thomas');

CREATE TEMP TABLE g_last (locale TEXT, k INTEGER, last TEXT, PRIMARY KEY (locale, k));
INSERT INTO g_last VALUES
    ('nb', 0, 'Nordmann'), ('nb', 1, 'Hansen'), ('nb', 2, 'Berg'), ('nb', 3, 'Johansen'),
    ('nb', 4, 'Larsen'), ('nb', 5, 'Haugen'), ('nb', 6, 'Bakken'), ('nb', 7, 'Sørensen'),
    ('fi', 0, 'Virtanen'), ('fi', 1, 'Korhonen'), ('fi', 2, 'Mäkinen'), ('fi', 3, 'Nieminen'),
    ('fi', 4, 'Mäkelä'), ('fi', 5, 'Hämäläinen'), ('fi', 6, 'Laine'), ('fi', 7, 'Heikkinen'),
    ('nl', 0, 'de Vries'), ('nl', 1, 'Jansen'), ('nl', 2, 'de Jong'), ('nl', 3, 'Bakker'),
    ('nl', 4, 'Visser'), ('nl', 5, 'Smit'), ('nl', 6, 'Meijer'), ('nl', 7, 'van Dijk'),
    ('en', 0, 'Carter'), ('en', 1, 'Smith'), ('en', 2, 'Jones'), ('en', 3, 'Taylor'),
    ('en', 4, 'Brown'), ('en', 5, 'Wilson'), ('en', 6, 'Evans'), ('en', 7, 'Walker');

CREATE TEMP TABLE g_place (locale TEXT, k INTEGER, street TEXT, city TEXT, country TEXT,
                           PRIMARY KEY (locale, k));
INSERT INTO g_place VALUES
    ('nb', 0, 'Storgata', '0155 Oslo', 'Norway'),
    ('nb', 1, 'Bryggen', '5003 Bergen', 'Norway'),
    ('nb', 2, 'Munkegata', '7011 Trondheim', 'Norway'),
    ('nb', 3, 'Kirkegata', '4006 Stavanger', 'Norway'),
    ('fi', 0, 'Mannerheimintie', '00100 Helsinki', 'Finland'),
    ('fi', 1, 'Hämeenkatu', '33100 Tampere', 'Finland'),
    ('fi', 2, 'Aurakatu', '20100 Turku', 'Finland'),
    ('fi', 3, 'Tapiontori', '02100 Espoo', 'Finland'),
    ('nl', 0, 'Prinsengracht', '1016 GV Amsterdam', 'Netherlands'),
    ('nl', 1, 'Oudegracht', '3511 AP Utrecht', 'Netherlands'),
    ('nl', 2, 'Coolsingel', '3011 AD Rotterdam', 'Netherlands'),
    ('nl', 3, 'Lange Voorhout', '2514 EA Den Haag', 'Netherlands'),
    ('en', 0, 'Harbour Street', 'Edinburgh EH6 6LP', 'United Kingdom'),
    ('en', 1, 'Baker Street', 'London NW1 6XE', 'United Kingdom'),
    ('en', 2, 'Deansgate', 'Manchester M3 2BW', 'United Kingdom'),
    ('en', 3, 'Grafton Street', 'Dublin D02 VF25', 'Ireland');

-- Product titles: adjective + noun + a colour name (1,000 combinations).
CREATE TEMP TABLE g_words (list TEXT, k INTEGER, word TEXT, PRIMARY KEY (list, k));
INSERT INTO g_words VALUES
    ('adjective', 0, 'Stoneware'), ('adjective', 1, 'Oak'), ('adjective', 2, 'Linen'),
    ('adjective', 3, 'Wool'), ('adjective', 4, 'Birch'), ('adjective', 5, 'Glass'),
    ('adjective', 6, 'Beeswax'), ('adjective', 7, 'Copper'), ('adjective', 8, 'Walnut'),
    ('adjective', 9, 'Ceramic'),
    ('noun', 0, 'mug'), ('noun', 1, 'table lamp'), ('noun', 2, 'throw'), ('noun', 3, 'vase'),
    ('noun', 4, 'cutting board'), ('noun', 5, 'candle set'), ('noun', 6, 'bowl'),
    ('noun', 7, 'stool'), ('noun', 8, 'art print'), ('noun', 9, 'cushion'),
    ('colour', 0, 'Fjord'), ('colour', 1, 'Nordlys'), ('colour', 2, 'Midnattsol'),
    ('colour', 3, 'Furu'), ('colour', 4, 'Sand'), ('colour', 5, 'Skog'), ('colour', 6, 'Hav'),
    ('colour', 7, 'Lyng'), ('colour', 8, 'Snø'), ('colour', 9, 'Myr');

-- The reasons of the shop's default cancellation policy (`domain::cancellation::Policy`).
CREATE TEMP TABLE g_reason (k INTEGER PRIMARY KEY, code TEXT, label TEXT);
INSERT INTO g_reason VALUES
    (0, 'changed_mind', 'I changed my mind'),
    (1, 'ordered_by_mistake', 'I ordered by mistake'),
    (2, 'found_cheaper', 'I found it cheaper elsewhere'),
    (3, 'delivery_too_slow', 'Delivery takes too long');

-- The shop's processing settings as the demo shop stores them (`services::estimates`): the
-- shipping methods named by the orders below.
CREATE TEMP TABLE g_settings (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO g_settings VALUES ('processing', '{"time_zone":"Europe/Oslo","working_days":["mon","tue","wed","thu","fri"],"cutoff":"14:00","holiday_calendar":"NO","holidays":[],"default_processing_days":{"min":0,"max":2},"shipping_methods":[{"code":"mailbox","name":"Posten Bring – pakke i postkassen","transit_days":{"min":1,"max":3}},{"code":"standard-eu","name":"Standard (PostNL / Posti)","transit_days":{"min":2,"max":5}}]}');
