import type { DictionaryOf } from '../dictionary';
import type { home as en } from '../en/home';

export const home: DictionaryOf<typeof en> = {
  tagline: 'De thema’s, aandachtspunten, vergaderingen en praktijkbladen van uw werkgroep — bewaard in deze browser, alleen gedeeld met de partners die u uitnodigt.',
  storage: {
    refused:
      'Deze browser heeft niet toegezegd de gegevens van Tavola te bewaren. Hij kan uw werkruimten wissen als de schijf vol raakt. Maak back-ups, of installeer Tavola als app; dan bewaart de browser ze meestal wel.',
    unsupported: 'Deze browser kan niet toezeggen de gegevens van Tavola te bewaren. Hij kan uw werkruimten wissen als de schijf vol raakt.',
    granted: 'Blijvend opgeslagen in deze browser.',
    use: 'Tavola gebruikt {{ used }} van de opslag van deze browser ({{ share }} van wat hij toestaat).',
    lessThanOnePercent: 'minder dan 1%',
    percent: '{{ value }}%',
    nearlyFull:
      'Deze browser heeft bijna geen ruimte meer voor Tavola: {{ used }} van {{ quota }} gebruikt. Exporteer back-ups van uw werkruimten en verwijder hier de werkruimten die u niet meer nodig hebt, of maak ruimte vrij op deze computer.',
  },
  create: {
    title: 'Een werkruimte beginnen',
    label: 'Naam van de nieuwe werkruimte',
    placeholder: 'bijv. Werkgroep stedelijke veiligheid',
    button: 'Werkruimte aanmaken',
    sampleBefore: 'Of',
    sampleLink: 'open de voorbeeldwerkgroep',
    sampleAfter: 'om te zien hoe een groep Tavola gebruikt.',
  },
  failed: {
    create: 'Het aanmaken van de werkruimte is mislukt: {{ reason }}',
    sample: 'Het openen van het voorbeeld is mislukt: {{ reason }}',
    rename: 'Het hernoemen is mislukt: {{ reason }}',
    delete: 'Het verwijderen van de werkruimte is mislukt: {{ reason }}',
    restore: 'Het terugzetten van de back-up is mislukt: {{ reason }}',
    copy: 'Het importeren van de kopie is mislukt: {{ reason }}',
  },
  list: {
    title: 'Uw werkruimten',
    emptyTitle: 'Nog geen werkruimten in deze browser',
    emptyBody: 'Maak er hierboven een aan, of open een link die een partner u heeft gestuurd.',
    untitled: 'Naamloze werkruimte',
    lastOpened: 'Laatst geopend op {{ date }}',
    rename: 'Hernoemen',
    delete: 'Verwijderen',
    newName: 'Nieuwe naam',
    save: 'Opslaan',
  },
  confirmDelete: {
    title: '‘{{ name }}’ verwijderen?',
    button: 'Uit deze browser verwijderen',
    body: 'De thema’s, aandachtspunten, vergaderingen en praktijkbladen ervan worden uit deze browser verwijderd. Partners die de werkruimte hebben, houden hun eigen kopie.',
  },
  restore: {
    title: 'Terugzetten uit een back-upbestand',
    intro:
      'Een back-up is een ‘.tavola.json’-bestand, gemaakt met ‘Back-up exporteren’ in de instellingen van een werkruimte. Terugzetten brengt de werkruimte terug in deze browser; niets wat u hier hebt, wordt verwijderd.',
    restored: '‘{{ name }}’ is teruggezet uit de back-up van {{ date }}.',
    copied: 'De back-up van {{ date }} is geïmporteerd als aparte werkruimte, ‘{{ name }}’.',
    copyName: '{{ name }} (kopie)',
    open: 'Openen',
    alreadyHere: '‘{{ name }}’ staat al in deze browser',
    asCopy: 'Als aparte kopie importeren',
    merge: 'Samenvoegen met deze werkruimte',
    mergeTerm: 'Samenvoegen',
    mergeExplained:
      'combineert de back-up met de werkruimte hier, zoals de wijzigingen van een partner: wat de back-up bevat en hier ontbreekt, komt terug, en wijzigingen die hier sindsdien zijn gemaakt, blijven. Verbonden partners ontvangen wat hij toevoegt.',
    copyTerm: 'Aparte kopie',
    copyExplained: 'maakt een nieuwe werkruimte van alleen de back-up, met niemand gedeeld, en laat de werkruimte hier zoals hij is.',
    failed: {
      alreadyHere: 'Deze werkruimte staat al in deze browser. Er is niets gewijzigd.',
      noRoom:
        'Deze browser heeft geen ruimte meer om de werkruimte op te slaan, dus hij is niet teruggezet. Er is niets gewijzigd. Maak ruimte vrij (verwijder hier een werkruimte die u niet meer nodig hebt) en probeer het opnieuw.',
      notStored: 'De werkruimte kon niet in deze browser worden opgeslagen. Er is niets gewijzigd.',
      notStoredBecause: 'De werkruimte kon niet in deze browser worden opgeslagen ({{ reason }}). Er is niets gewijzigd.',
    },
  },
};
