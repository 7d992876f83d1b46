/**
 * Vocabularies the `hits` generator builds its strings from: Latin words for hosts and paths,
 * Russian words for titles and search phrases (the real data set is a Russian web analytics log, so
 * the strings are largely multi-byte UTF-8), and small fixed lists (phone models, search engines, …).
 *
 * No entry contains a tab, line feed, backslash, quote or apostrophe, so the generated TSV needs no
 * escaping and other tools (DuckDB's CSV reader) read it the same way ClickHouse does.
 */

/** Latin words for host names, URL paths and query parameters. */
export const LATIN_WORDS: readonly string[] = (
  'auto news forum shop catalog photo video music games market travel sport moto weather kino ' +
  'book realty job work finance bank credit loan money stock health med doctor beauty fashion style ' +
  'kids baby mama home garden build repair tools tech mobile phone laptop soft download free online ' +
  'city map metro taxi bus train avia hotel tour sea beach ski camp food recipe cook pizza sushi cafe ' +
  'club party dance radio tv serial film anime comics art design print studio market plus pro best ' +
  'top new old big mega super hyper smart fast easy cool star sun moon sky river lake forest mountain ' +
  'cat dog pet zoo fish bird horse farm agro oil gas energy power solar eco green blue red black white ' +
  'gold silver diamond jewel watch gift flower wedding love dating chat mail blog wiki info help faq ' +
  'search find list rate review price sale deal discount coupon order cart pay delivery store outlet ' +
  'sale wear shoes bags sport fitness yoga gym run bike car truck tire wheel parts service center group ' +
  'portal world russia moscow spb kazan ural sibir volga kiev minsk almaty ufa perm omsk tomsk samara'
).split(' ');

/** Russian words for titles and search phrases. */
export const RUSSIAN_WORDS: readonly string[] = (
  'купить продажа цена отзывы скачать бесплатно смотреть онлайн фильм сериал новости погода карта ' +
  'москва россия украина работа вакансии квартира аренда дом дача машина авто запчасти ремонт ' +
  'кредит банк ипотека курс доллар евро рубль игры музыка песни клип фото видео торрент книги ' +
  'рецепт салат торт пицца ресторан доставка такси билеты поезд самолет отель тур море отдых ' +
  'детский сад школа университет экзамен реферат врач клиника аптека лекарство здоровье диета ' +
  'спорт футбол хоккей матч результаты чемпионат одежда обувь платье куртка сумка часы подарок ' +
  'цветы свадьба знакомства форум блог чат почта телефон смартфон ноутбук планшет телевизор ' +
  'холодильник стиральная машина мебель диван кухня шкаф обои плитка окна двери строительство ' +
  'сад огород семена удобрения кошка собака корм ветеринар рыбалка охота лодка велосипед ' +
  'мотоцикл шины диски масло аккумулятор страховка налог пенсия закон суд юрист нотариус ' +
  'гороскоп сонник гадание анекдоты приколы картинки обои стихи поздравления открытки ' +
  'лучший новый дешево недорого официальный сайт каталог интернет магазин своими руками как'
).split(' ');

/** Top-level domains of generated hosts, most common first. */
export const TLDS: readonly string[] = ['ru', 'com', 'net', 'ua', 'by', 'kz', 'org', 'info', 'su', 'com.ua'];

/** Mobile phone models (MobilePhoneModel), most common first. */
export const PHONE_MODELS: readonly string[] = [
  'iPad', 'iPhone', 'GT-I9300', 'GT-N7100', 'GT-I9100', 'GT-S5830', 'HTC One', 'Nexus 7', 'GT-P5100',
  'Lumia 920', 'Xperia Z', 'GT-I8190', 'GT-S7562', 'HTC Desire', 'Galaxy Nexus', 'LT26i', 'MB525',
  'U8860', 'Nexus 4', 'GT-P3110', 'SM-T311', 'Asha 305', 'N8-00', 'GT-I9500', 'A820', 'S720',
  'Kindle Fire', 'Transformer', 'Iconia Tab', 'HUAWEI G600', 'ZTE V970', 'Explay N1', 'Fly IQ450',
  'Lenovo P770', 'Alcatel OT-991', 'LG-P705', 'LG-E612', 'MT27i', 'ST25i', 'E15i',
];

/** Search engines: [SearchEngineID, referer prefix before the URL-encoded phrase, referer suffix]. */
export const SEARCH_ENGINES: readonly (readonly [number, string, string])[] = [
  [2, 'http://yandex.ru/yandsearch?text=', '&lr=213&clid=9403'],
  [3, 'https://www.google.ru/search?q=', '&ie=utf-8&oe=utf-8&aq=t'],
  [1, 'http://go.mail.ru/search?q=', '&fr=main&rch=e'],
  [4, 'http://nova.rambler.ru/search?query=', '&sort=0&pagelen=20'],
  [5, 'http://www.bing.com/search?q=', '&form=QBRE&qs=n'],
  [13, 'http://yandex.ua/yandsearch?text=', '&lr=143&msid=2'],
  [6, 'https://www.google.com.ua/search?q=', '&client=firefox-a&rls=org'],
];

/** Social networks: [SocialSourceNetworkID, SocialNetwork name, referer host]. */
export const SOCIAL_NETWORKS: readonly (readonly [number, string, string])[] = [
  [1, 'vkontakte', 'vk.com'], [2, 'odnoklassniki', 'www.odnoklassniki.ru'], [3, 'facebook', 'www.facebook.com'],
  [4, 'twitter', 'twitter.com'], [5, 'moikrug', 'moikrug.ru'], [6, 'livejournal', 'www.livejournal.com'],
];

/** Page charsets (PageCharset), most common first. */
export const CHARSETS: readonly string[] = ['utf-8', 'windows-1251', '', 'koi8-r', 'iso-8859-1'];

/** Browser languages (BrowserLanguage), most common first. */
export const LANGUAGES: readonly string[] = ['ru', 'en', 'uk', 'be', 'kk', 'de', 'tr', 'fr', 'pl', 'it'];

/** Browser countries (BrowserCountry), most common first. */
export const COUNTRIES: readonly string[] = ['ru', 'ua', 'by', 'kz', 'us', 'de', 'tr', 'gb', 'fr', 'pl'];

/** Screen resolutions [width, height], most common first. */
export const RESOLUTIONS: readonly (readonly [number, number])[] = [
  [1366, 768], [1920, 1080], [1280, 1024], [1280, 800], [1024, 768], [1440, 900], [1600, 900],
  [1680, 1050], [1920, 1200], [1360, 768], [1280, 720], [800, 600], [2560, 1440], [1024, 600],
  [320, 480], [768, 1024], [360, 640], [480, 800], [1152, 864], [1280, 960], [0, 0],
];

/** UTM sources and mediums for tagged landing URLs. */
export const UTM_SOURCES: readonly string[] = ['yandex', 'google', 'direct', 'vk', 'begun', 'mail', 'email'];

/** UTM mediums, paired with {@link UTM_SOURCES} by hash. */
export const UTM_MEDIUMS: readonly string[] = ['cpc', 'banner', 'email', 'social', 'referral'];
