// Templates in other languages, drawn with entities of a matching locale. Same slots as English.

export const INTL: Record<string, string[]> = {
  de: [
    'Mein Name ist {name} und ich wohne in {city}.',
    'Hallo {first}, das Paket von {org} liegt bei {name2}.',
    'Bitte schicken Sie die Rechnung an {address}.',
    'Sehr geehrte Frau {last},\n\nvielen Dank für Ihre Nachricht vom {date}.',
    '{name} arbeitet seit {year} bei {org} in {city}.',
    'Am {weekday} fahren wir nach {city2}, im {month} nach {country}.',
    'Mit freundlichen Grüßen\n{name}\n{org}\n{block}',
    'Der {product} kostet {money} und ist ab {weekday} lieferbar.',
    'Ansprechpartner: {name}, Tel. {phone}',
  ],
  fr: [
    "Je m'appelle {name} et j'habite à {city}.",
    'Bonjour {first}, pouvez-vous envoyer le colis à {address} ?',
    '{name} a rejoint {org} à {city} en {year}.',
    'Cordialement,\n{name}\n{org}',
    'Madame {last}, votre rendez-vous est confirmé pour {weekday}.',
    'Nous partons pour {country} en {month}.',
    'Le {product} est en promotion jusqu’à {weekday}.',
  ],
  es: [
    'Me llamo {name} y vivo en {city}.',
    'Hola {first}, el pedido {id} llegará a {address}.',
    '{name} trabaja en {org} desde {year}.',
    'Saludos,\n{name}\n{org}',
    'Viajamos a {country} en {month}, y después a {city}.',
    'El {product} está disponible en nuestra tienda.',
  ],
  it: [
    'Mi chiamo {name} e abito a {city}.',
    'Ciao {first}, il pacco di {org} è arrivato a {address}.',
    '{name} lavora per {org} a {city}.',
    'Cordiali saluti,\n{name}',
    'A {month} andiamo in {country}.',
  ],
  nl: [
    'Mijn naam is {name} en ik woon in {city}.',
    'Hoi {first}, het pakket van {org} is bezorgd op {address}.',
    'Met vriendelijke groet,\n{name}\n{org}',
    'Op {weekday} rijden we naar {city2}.',
  ],
  pt: [
    'Meu nome é {name} e moro em {city}.',
    'Olá {first}, o pedido {id} será entregue em {address}.',
    '{name} trabalha na {org} desde {year}.',
    'Atenciosamente,\n{name}',
  ],
  sv: [
    'Jag heter {name} och bor i {city}.',
    'Hej {first}, paketet från {org} levereras till {address}.',
    'Med vänliga hälsningar,\n{name}',
  ],
  pl: [
    'Nazywam się {name} i mieszkam w {city}.',
    'Dzień dobry {title} {last}, przesyłka trafi na adres {address}.',
    'Pozdrawiam,\n{name}\n{org}',
  ],
  tr: [
    'Benim adım {name}, {city} şehrinde yaşıyorum.',
    'Merhaba {first}, siparişiniz {address} adresine gönderildi.',
    'Saygılarımla,\n{name}',
  ],
};

/** Locales whose entities go with each language's templates. */
export const LANGUAGE_LOCALES: Record<string, string[]> = {
  de: ['de', 'de_AT', 'de_CH'], fr: ['fr', 'fr_BE', 'fr_CH', 'fr_SN'], es: ['es', 'es_MX'], it: ['it'],
  nl: ['nl', 'nl_BE'], pt: ['pt_BR', 'pt_PT'], sv: ['sv'], pl: ['pl'], tr: ['tr'],
};
