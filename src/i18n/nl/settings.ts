import type { DictionaryOf } from '../dictionary';
import type { settings as en } from '../en/settings';

export const settings: DictionaryOf<typeof en> = {
  workspace: 'Werkruimte',
  sameForPartners: 'Partners die deze werkruimte delen, zien dezelfde naam en beschrijving.',
  name: 'Naam',
  nameNeeded: 'Een werkruimte heeft een naam nodig.',
  savedAsYouType: 'Wordt opgeslagen terwijl u typt.',
  description: 'Beschrijving',
  descriptionPlaceholder: 'Waar de groep aan werkt, wie haar leidt en sinds wanneer.',
  descriptionHelp: 'Wordt opgeslagen terwijl u typt en samen met partners bewerkt.',
  about: 'Over deze werkruimte',
  created: 'Aangemaakt',
  layoutVersion: 'Versie van de opbouw',
  writesVersion: '(deze kopie van Tavola schrijft versie {{ version }})',
  workspaceId: 'Kenmerk van de werkruimte',
  stored: 'Bewaard',
  storedWhere: 'In deze browser. Partners die de werkruimte hebben, houden hun eigen kopie.',
  deleteTitle: 'Uit deze browser verwijderen',
  deleteBody: 'Verwijdert de werkruimte en alles wat erin staat uit deze browser. Partners die haar hebben, houden hun eigen kopie.',
  deleteButton: 'Deze werkruimte uit deze browser verwijderen',
  deleting: 'Bezig met verwijderen…',
  deleteFailed: 'Het verwijderen van de werkruimte is niet gelukt: {{ reason }}',
  confirmTitle: '‘{{ name }}’ verwijderen?',
  confirmButton: 'Uit deze browser verwijderen',
  confirmBody: 'De thema’s, aandachtspunten, vergaderingen en praktijkbladen worden uit deze browser verwijderd. Partners die de werkruimte hebben, houden hun eigen kopie.',
};
