import type { DictionaryOf } from '../dictionary';
import type { backup as en } from '../en/backup';

export const backup: DictionaryOf<typeof en> = {
  title: 'Back-ups',
  intro:
    'Deze werkruimte wordt in deze browser bewaard. Een back-up is één bestand met alles erin — thema’s, aandachtspunten, vergaderingen, praktijkbladen en leden, ook verwijderde — dat u bewaart waar u wilt en in elke browser kunt terugzetten.',
  export: 'Back-up exporteren',
  saved: '‘{{ file }}’ ({{ size }}) is opgeslagen in uw downloads.',
  tooLargeToRestore:
    'Deze back-up is {{ size }}, meer dan Tavola kan terugzetten ({{ limit }}). Bewaar hem toch: hij bevat alles, en de gegevens zijn in elke teksteditor te lezen.',
  exportFailed: 'Het exporteren van de back-up is mislukt: {{ reason }}',
  restoreTitle: 'Terugzetten uit een back-up',
  restoreIntro:
    'Voegt een back-up van deze werkruimte ermee samen, zoals de wijzigingen van een partner: wat de back-up bevat en hier ontbreekt, komt terug, en wijzigingen die sindsdien zijn gemaakt, blijven. Wilt u terug naar de back-up zoals hij was, zet hem dan vanaf het startscherm terug als aparte kopie.',
  otherWorkspace:
    'Deze back-up is van een andere werkruimte, ‘{{ name }}’. Gebruik ‘Terugzetten uit een back-upbestand’ op het startscherm om hem in deze browser te zetten.',
  confirmTitle: 'De back-up samenvoegen met ‘{{ name }}’?',
  merge: 'Samenvoegen',
  nothingLost: 'Aan geen van beide kanten gaat iets verloren. Verbonden partners ontvangen wat de back-up toevoegt.',
};
